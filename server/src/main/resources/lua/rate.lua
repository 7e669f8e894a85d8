-- The asker rates the answer to their question, once: the rating is appended to the record chain.
-- KEYS[1] session hash, KEYS[2] record chain (stream), KEYS[3] the ref's key, KEYS[4] audit stream
-- ARGV[1] key base, ARGV[2] who ('participant:<id>' or 'link'; audit only), ARGV[3] question id,
-- ARGV[4] rating (satisfied|notSatisfied; checked), ARGV[5] reason ('' for none; checked), ARGV[6] the participant id
-- the question's author must be ('' when the asker was identified otherwise: the signed link of the answer mail),
-- ARGV[7] ref ttl ms
-- Only a question with an answer (answered on the spot or in writing) is rated; a second rating is refused. The
-- record's entry holds neither the participant id nor how the asker was identified.
-- Answer: {"ok":true,"questionId"}; a repeated ref answers the first answer with "duplicate":true.
-- Errors: not_found (no session, no question), forbidden (not the question's author), conflict (no answer yet,
-- or already rated).
local done = redis.call('GET', KEYS[3])
if done then
  return repeat_answer(done)
end
if not redis.call('HGET', KEYS[1], 'status') then
  return fail('not_found', 'No such session')
end
local id = ARGV[3]
local qkey = ARGV[1] .. 'q:' .. id
local q = redis.call('HMGET', qkey, 'id', 'status', 'aid', 'answerText', 'rt')
if not q[1] then
  return fail('not_found', 'No such question')
end
if ARGV[6] ~= '' and q[3] ~= ARGV[6] then
  return fail('forbidden', 'Only the asker rates the answer to a question')
end
if q[2] ~= 'answered' and not q[4] then
  return fail('conflict', 'The question has no answer to rate yet')
end
if q[5] then
  return fail('conflict', 'The answer to this question was already rated')
end
local now = now_ms()
append_record(KEYS[1], KEYS[2], {k = 'rated', at = now, q = id, rating = ARGV[4],
  reason = ARGV[5] ~= '' and ARGV[5] or nil})
redis.call('HSET', qkey, 'rt', ARGV[4], 'updatedAt', now)
redis.call('XADD', KEYS[4], '*', 'at', now, 'by', ARGV[2], 'action', 'rate', 'question', id,
  'details', cjson.encode({rating = ARGV[4]}))
return remember(KEYS[3], ARGV[7], {ok = true, questionId = id})
