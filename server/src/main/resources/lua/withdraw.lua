-- The author takes back their question (only while pending or live); it gets status 'withdrawn'.
-- KEYS[1] session hash, KEYS[2] event log, KEYS[3] the ref's key, KEYS[4] record chain (stream)
-- ARGV[1] key base, ARGV[2] participant id, ARGV[3] question id, ARGV[4] ref ttl ms, ARGV[5] event log length,
-- ARGV[6] channel
-- Answer: {"ok":true,"questionId"}. Errors: not_found, forbidden (not the author), conflict (not pending or
-- live), closed (session closed).
local done = redis.call('GET', KEYS[3])
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
local qkey = ARGV[1] .. 'q:' .. ARGV[3]
local q = hash_table(qkey)
if not q.id then
  return fail('not_found', 'No such question')
end
if q.aid ~= ARGV[2] then
  return fail('forbidden', 'Only the author can withdraw a question')
end
if q.status ~= 'pending' and q.status ~= 'live' then
  return fail('conflict', 'Only pending or live questions can be withdrawn')
end
local was_public = public_status[q.status] == true
redis.call('HSET', qkey, 'status', 'withdrawn')
append_record(KEYS[1], KEYS[4], {k = 'withdrawn', q = ARGV[3]})
append_event(KEYS[1], KEYS[2], ARGV[6], ARGV[5],
  {k = 'question', q = question_of(hash_table(qkey)), pub = was_public})
if redis.call('HGET', KEYS[1], 'stage') == ARGV[3] then
  redis.call('HDEL', KEYS[1], 'stage')
  append_record(KEYS[1], KEYS[4], {k = 'stage'})
  append_event(KEYS[1], KEYS[2], ARGV[6], ARGV[5], {k = 'stage'})
end
return remember(KEYS[3], ARGV[4], {ok = true, questionId = ARGV[3]})
