-- Reads one slice of what the vote signals are computed from: the standing upvotes (with their times) of the
-- questions at positions [ARGV[2], ARGV[2] + ARGV[3]) of the session's question list, and one HSCAN step of its
-- identities. The caller reads slice after slice, so no call grows with the session (at 100 000 questions and
-- 1 000 000 votes one call reading everything held Redis for seconds, and every other session waited behind it).
-- KEYS[1] session hash, KEYS[2] question ids (zset), KEYS[3] identities (hash, see identity.lua)
-- ARGV[1] key base, ARGV[2] first question position, ARGV[3] questions in the slice (0: none),
-- ARGV[4] identities' HSCAN cursor ("" when they are all read), ARGV[5] identities per step
-- Answer: {"ok":true,"now":<ms>,"identities":["<pid>","<created>:<hash>",...],"cursor":"<next cursor>"|"",
-- "votes":{"<qid>":["<pid>","<ms>",...]},"next":<next position>|-1} (empty lists may come as {}).
-- Errors: not_found.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return fail('not_found', 'No such session')
end
local from = tonumber(ARGV[2])
local count = tonumber(ARGV[3])
local votes = {}
local next_position = -1
if count > 0 then
  local ids = redis.call('ZRANGE', KEYS[2], from, from + count - 1)
  for _, id in ipairs(ids) do
    local times = redis.call('ZRANGE', ARGV[1] .. 'vt:' .. id, 0, -1, 'WITHSCORES')
    if #times > 0 then
      votes[id] = times
    end
  end
  if #ids == count then
    next_position = from + count
  end
end
local identities = {}
local cursor = ''
if ARGV[4] ~= '' then
  local step = redis.call('HSCAN', KEYS[3], ARGV[4], 'COUNT', tonumber(ARGV[5]))
  identities = step[2]
  if step[1] ~= '0' then
    cursor = step[1]
  end
end
return cjson.encode({ok = true, now = now_ms(), identities = identities, cursor = cursor, votes = votes,
  next = next_position})
