-- A moderator or organizer takes a follow-up step on a question (during the session or after it, while Redis
-- still holds the session): the step is appended to the record chain.
-- KEYS[1] session hash, KEYS[2] record chain (stream), KEYS[3] the ref's key, KEYS[4] audit stream, KEYS[5] event log
-- ARGV[1] key base, ARGV[2] who (participant id, 'organizer' or 'account:<id>'; audit only), ARGV[3] question id,
-- ARGV[4] step (promised|referred|referredUp|noted|outOfRemit; checked), ARGV[5] agency slug ('' for none; checked),
-- ARGV[6] due date YYYY-MM-DD ('' for none; checked), ARGV[7] note ('' for none; checked), ARGV[8] role in the
-- record (organizer|moderator|responder), ARGV[9] ref ttl ms, ARGV[10] the agency the question must stand referred
-- to ('' for no such condition: a responder answers only for the agency of the latest referral), ARGV[11] the
-- answer's attachments as a JSON array of {name, type, size, sha256} ('' for none; checked by the caller): the
-- chain commits to each file's name and SHA-256, ARGV[12] event log length, ARGV[13] channel
-- Step 'answered' is a written answer published after the session: ARGV[7] is its text (checked); it becomes the
-- question's written answer (its status does not change) and names the agency it was referred to, if any.
-- The latest referral's agency is kept in the question's hash (fa), and its steps (public fields: who by role) in
-- fus, a JSON array that every question event and view carries as the question's followUp; each step announces
-- the question again (a `question` event), so every screen of the session learns of it live.
-- Any session status: follow-up goes on after the close. A question pending, rejected, withdrawn or merged into
-- another is not followed up. The record's entry names who by role, never by id.
-- Answer: {"ok":true,"questionId"}; a repeated ref answers the first answer with "duplicate":true.
-- Errors: not_found (no session, no question), conflict (the question cannot be followed up).
local done = redis.call('GET', KEYS[3])
if done then
  return repeat_answer(done)
end
if not redis.call('HGET', KEYS[1], 'status') then
  return fail('not_found', 'No such session')
end
local id = ARGV[3]
local qkey = ARGV[1] .. 'q:' .. id
local q = redis.call('HMGET', qkey, 'id', 'status', 'mergedInto', 'fa')
if not q[1] then
  return fail('not_found', 'No such question')
end
if q[2] == 'pending' or q[2] == 'rejected' or q[2] == 'withdrawn' or q[3] then
  return fail('conflict', 'A pending, rejected, withdrawn or merged question is not followed up')
end
if ARGV[10] ~= '' and q[4] ~= ARGV[10] then
  return fail('forbidden', 'The question is not referred to your agency')
end
local now = now_ms()
local function given(value)
  return value ~= '' and value or nil
end
local answered = ARGV[4] == 'answered'
local agency = given(ARGV[5])
if answered then
  agency = q[4]
end
local files = nil
if answered and ARGV[11] and ARGV[11] ~= '' then
  files = cjson.decode(ARGV[11])
  if #files == 0 then
    files = nil
  end
end
append_record(KEYS[1], KEYS[2], {k = 'followUp', at = now, q = id, step = ARGV[4], agency = agency,
  due = given(ARGV[6]), note = (not answered) and given(ARGV[7]) or nil, text = answered and ARGV[7] or nil,
  role = ARGV[8], files = files})
redis.call('HSET', qkey, 'fu', ARGV[4], 'updatedAt', now)
if answered then
  redis.call('HSET', qkey, 'answerText', ARGV[7], 'answerAt', now)
elseif agency then
  redis.call('HSET', qkey, 'fa', agency)
end
local taken = {at = now, step = ARGV[4], role = ARGV[8], agency = agency, due = given(ARGV[6]),
  note = (not answered) and given(ARGV[7]) or nil}
local stored = redis.call('HGET', qkey, 'fus')
local steps = stored and cjson.decode(stored) or {}
steps[#steps + 1] = taken
redis.call('HSET', qkey, 'fus', cjson.encode(steps))
-- the session's followed-up questions, for the carry-over into the next session of its series
redis.call('SADD', ARGV[1] .. 'fq', id)
local h = hash_table(qkey)
append_event(KEYS[1], KEYS[5], ARGV[13], ARGV[12],
  {k = 'question', q = question_of(h), pub = public_status[h.status] == true})
-- the question's steps, for its public follow-up page (the chain holds them too, but in the session's order)
redis.call('RPUSH', ARGV[1] .. 'fu:' .. id, cjson.encode({at = now, step = ARGV[4], agency = agency,
  due = given(ARGV[6]), note = (not answered) and given(ARGV[7]) or nil, role = ARGV[8], files = files}))
redis.call('XADD', KEYS[4], '*', 'at', now, 'by', ARGV[2], 'action', 'followUp', 'question', id,
  'details', cjson.encode({step = ARGV[4], agency = given(ARGV[5]), due = given(ARGV[6])}))
return remember(KEYS[3], ARGV[9], {ok = true, questionId = id})
