-- A participant upvotes a question or takes the upvote back. One upvote per participant: membership of the
-- question's upvotes (<base>vt:<qid>, a zset of participant -> when the standing upvote was cast, ms; the vote
-- signals and the record's activity read the times).
-- KEYS[1] session hash, KEYS[2] the ref's key, KEYS[3] banned participants (set), KEYS[4] the participant's
-- vote bucket (a string: the ms at which it would be full again)
-- ARGV[1] key base, ARGV[2] participant id, ARGV[3] question id, ARGV[4] '1' up / '0' take back,
-- ARGV[5] ref ttl ms, ARGV[6] bucket burst, ARGV[7] per minute
-- Answer: {"ok":true,"questionId","votes","voted","version","changed"}; version is the session's vote version
-- at which votes was read (receivers keep the newest). A repeated ref answers the first answer.
-- Errors: not_found (no session or question), closed (session closed), conflict (upvote on a question
-- that is not live, or any vote on a question whose votes a moderator froze), forbidden (the participant is
-- banned), rate_limited (with retryAfterMs).
--
-- The most frequent script, so it is kept lean (docs/performance.md, "Redis time of one vote"): no shared part
-- (its bucket is written out below, as one number); refusals are constant JSON and the answer is built as a string
-- (no cjson unless a ref repeats); no double is turned into text (the stored count and version stay text when
-- nothing changed, the others are written with '%d'); the ref and the bucket read in one MGET; one TIME; the
-- question's fields read in one HMGET and its count and version written in one HSET; one zset holds both who
-- upvoted and when.

-- the ref's first answer and the participant's vote bucket, both strings, in one read
local read = redis.call('MGET', KEYS[2], KEYS[4])
local done = read[1]
if done then
  local answer = cjson.decode(done)
  answer.duplicate = true
  return cjson.encode(answer)
end
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return '{"err":"not_found","msg":"No such session"}'
end
if status == 'closed' then
  return '{"err":"closed","msg":"The session is closed"}'
end
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 1 then
  return '{"err":"forbidden","msg":"You can no longer ask or vote in this session"}'
end
local qkey = ARGV[1] .. 'q:' .. ARGV[3]
local q = redis.call('HMGET', qkey, 'status', 'frozen', 'votes', 'vv')
if not q[1] then
  return '{"err":"not_found","msg":"No such question"}'
end
if q[2] == 'true' then
  return '{"err":"conflict","msg":"Votes on this question are frozen by the moderators"}'
end
local up = ARGV[4] == '1'
if up and q[1] ~= 'live' then
  return '{"err":"conflict","msg":"Only live questions can be upvoted"}'
end
local t = redis.call('TIME')
-- now in ms, as text (for the vote's time) and as a number (for the bucket): the text cut from TIME's own, as Lua's
-- (and Redis's) turning a number into text is a printf of a double, the dearest step of a vote after the calls
local now_text = t[1] .. string.sub('00000' .. t[2], -6, -4)
local now = tonumber(now_text)
-- The participant's vote bucket: the token bucket of lib_bucket.lua (burst ARGV[6], refilled at ARGV[7] a minute,
-- on Redis's clock), kept as the one number that is its whole state: the ms at which it would be full again
-- (rounded up to the ms). It holds burst - (full_at - now) / interval tokens; taking one moves full_at on by an
-- interval. A state in lib_bucket.lua's "<tokens>:<ms>" form reads as none (a full bucket), as lib_bucket.lua reads
-- this one, so nodes of either version only forget a bucket. A per-minute of 0 refills one token a day.
local burst = tonumber(ARGV[6])
if burst > 0 then
  local per_minute = tonumber(ARGV[7])
  local interval = per_minute > 0 and 60000 / per_minute or 86400000
  local full_at = tonumber(read[2]) or now
  if full_at < now then
    full_at = now
  end
  local wait = full_at + interval - now - burst * interval
  if wait > 0 then
    return '{"err":"rate_limited","msg":"You are voting too fast; try again in a moment","retryAfterMs":'
      .. string.format('%d', math.ceil(wait)) .. '}'
  end
  -- kept until it would be full again, then it is the same as no bucket at all
  redis.call('SET', KEYS[4], string.format('%d', math.ceil(full_at + interval)), 'PX',
    string.format('%d', math.ceil(burst * interval) + 1000))
end
-- the standing upvotes and their times are one zset: NX keeps the time of the vote that stands
local votes_key = ARGV[1] .. 'vt:' .. ARGV[3]
local changed
if up then
  changed = redis.call('ZADD', votes_key, 'NX', now_text, ARGV[2])
else
  changed = redis.call('ZREM', votes_key, ARGV[2])
end
-- read in this script, so still the question's: no other script runs in between. The count and the version stay
-- text: the stored ones when nothing changed, else written once with '%d' (an integer's printf, not a double's).
local votes = q[3] or '0'
local version = q[4] or '0'
if changed == 1 then
  votes = string.format('%d', votes + (up and 1 or -1))
  version = string.format('%d', redis.call('HINCRBY', KEYS[1], 'vv', 1))
  redis.call('HSET', qkey, 'votes', votes, 'vv', version)
end
-- the question id is one ask.lua made (digits: a hash exists under it), so it needs no JSON escaping
local answer = '{"ok":true,"questionId":"' .. ARGV[3] .. '","votes":' .. votes .. ',"voted":'
  .. (up and 'true' or 'false') .. ',"version":' .. version .. ',"changed":' .. (changed == 1 and 'true' or 'false')
  .. '}'
redis.call('SET', KEYS[2], answer, 'PX', ARGV[5])
return answer
