-- A participant upvotes a question or takes the upvote back. One upvote per participant: set membership.
-- KEYS[1] session hash, KEYS[2] the ref's key, KEYS[3] banned participants (set), KEYS[4] the participant's
-- vote bucket
-- ARGV[1] key base, ARGV[2] participant id, ARGV[3] question id, ARGV[4] '1' up / '0' take back,
-- ARGV[5] ref ttl ms, ARGV[6] bucket burst, ARGV[7] per minute
-- Answer: {"ok":true,"questionId","votes","voted","version","changed"}; version is the session's vote version
-- at which votes was read (receivers keep the newest). A repeated ref answers the first answer.
-- Errors: not_found (no session or question), closed (session closed), conflict (upvote on a question
-- that is not live, or any vote on a question whose votes a moderator froze), forbidden (the participant is
-- banned), rate_limited (with retryAfterMs).
-- Each standing upvote's time is kept (<base>vt:<qid>, a zset of participant -> ms) for the vote signals.
local done = redis.call('GET', KEYS[2])
if done then
  return repeat_answer(done)
end
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return fail('not_found', 'No such session')
end
if status == 'closed' then
  return fail('closed', 'The session is closed')
end
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 1 then
  return fail('forbidden', 'You can no longer ask or vote in this session')
end
local qkey = ARGV[1] .. 'q:' .. ARGV[3]
local qstatus = redis.call('HGET', qkey, 'status')
if not qstatus then
  return fail('not_found', 'No such question')
end
if redis.call('HGET', qkey, 'frozen') == 'true' then
  return fail('conflict', 'Votes on this question are frozen by the moderators')
end
local up = ARGV[4] == '1'
if up and qstatus ~= 'live' then
  return fail('conflict', 'Only live questions can be upvoted')
end
local wait = bucket_wait(KEYS[4], ARGV[6], ARGV[7], now_ms(), true)
if wait > 0 then
  return fail_after('rate_limited', 'You are voting too fast; try again in a moment', wait)
end
local voters = ARGV[1] .. 'voters:' .. ARGV[3]
local times = ARGV[1] .. 'vt:' .. ARGV[3]
local changed
if up then
  changed = redis.call('SADD', voters, ARGV[2])
  if changed == 1 then
    redis.call('ZADD', times, now_ms(), ARGV[2])
  end
else
  changed = redis.call('SREM', voters, ARGV[2])
  redis.call('ZREM', times, ARGV[2])
end
local votes, version
if changed == 1 then
  votes = redis.call('HINCRBY', qkey, 'votes', up and 1 or -1)
  version = redis.call('HINCRBY', KEYS[1], 'vv', 1)
  redis.call('HSET', qkey, 'vv', version)
else
  votes = tonumber(redis.call('HGET', qkey, 'votes'))
  version = tonumber(redis.call('HGET', qkey, 'vv') or '0')
end
return remember(KEYS[2], ARGV[5], {ok = true, questionId = ARGV[3], votes = votes, voted = up,
  version = version, changed = changed == 1})
