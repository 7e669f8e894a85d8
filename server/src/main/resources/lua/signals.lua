-- Reads what the vote signals are computed from, at one instant: every recorded identity and every standing
-- upvote with its time.
-- KEYS[1] session hash, KEYS[2] question ids (zset), KEYS[3] identities (hash, see identity.lua)
-- ARGV[1] key base
-- Answer: {"ok":true,"now":<ms>,"identities":["<pid>","<created>:<hash>",...],
-- "votes":{"<qid>":["<pid>","<ms>",...]}} (empty lists may come as {}). Errors: not_found.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return fail('not_found', 'No such session')
end
local votes = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local times = redis.call('ZRANGE', ARGV[1] .. 'vt:' .. id, 0, -1, 'WITHSCORES')
  if #times > 0 then
    votes[id] = times
  end
end
return cjson.encode({ok = true, now = now_ms(), identities = redis.call('HGETALL', KEYS[3]), votes = votes})
