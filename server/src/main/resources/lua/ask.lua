-- A participant posts a question.
-- KEYS[1] session hash, KEYS[2] question ids (zset), KEYS[3] event log (stream), KEYS[4] the ref's key,
-- KEYS[5] banned participants (set), KEYS[6] the participant's ask bucket, KEYS[7] record chain (stream),
-- KEYS[8] follow-up codes (hash: code -> question id)
-- ARGV[1] key base, ARGV[2] participant id, ARGV[3] text (NFC, checked), ARGV[4] author ('' = anonymous),
-- ARGV[5] ref ttl ms, ARGV[6] event log length, ARGV[7] channel, ARGV[8] bucket burst, ARGV[9] per minute,
-- ARGV[10] content flags found in the text ('' or "profanity,link"), ARGV[11] where ('' or "profanity:0:2,..."),
-- ARGV[12] the text's fingerprint, ARGV[13] '1' to hold a flagged question for review even in post-moderation,
-- ARGV[14] the record entry's sealed hashes of text and author (JSON, see append_record), ARGV[15] their private part
-- ARGV[16] the question's follow-up code (reserved by the caller, unique in the installation; '' for none)
-- ARGV[17] a clerk's entry on behalf of someone: its channel ('' = the participant's own question), ARGV[18] the
-- person's area (''), ARGV[19] their name ('': not given; sealed as "speaker" in the record by ARGV[14]/[15]),
-- ARGV[20] '1' when it is being asked at the microphone now. A clerk's entry needs no display name even where the
-- session asks for one; the record's entry gets its channel, area and the clerk's pseudonym number (clerk: 1, 2,
-- ... in the order clerks first entered a question, kept in <base>clerks: participant id -> number).
-- The participant's fingerprints (<base>asked:<pid>, a set) tell a repeated question: it gets the flag "repeat".
-- A question is pending in pre-moderation, or when it is flagged and ARGV[13] is '1'; live otherwise.
-- The record chain gets the question as asked (its text and display name sealed, its status, its follow-up
-- code), never the participant id.
-- Answer: {"ok":true,"questionId":"7"}; a repeated ref answers the first answer with "duplicate":true.
-- Errors: not_found (no session), closed (paused or closed), bad_request (a name is required),
-- forbidden (the participant is banned), rate_limited (with retryAfterMs: the ask bucket is empty). The ref is
-- checked first, so a retry of an applied ask is answered even when the bucket is empty.
local done = redis.call('GET', KEYS[4])
if done then
  return repeat_answer(done)
end
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return fail('not_found', 'No such session')
end
if redis.call('SISMEMBER', KEYS[5], ARGV[2]) == 1 then
  return fail('forbidden', 'You can no longer ask or vote in this session')
end
if status == 'paused' then
  return fail('closed', 'Questions are paused; voting goes on')
end
if status == 'closed' then
  return fail('closed', 'The session is closed')
end
local channel = ARGV[17] or ''
if ARGV[4] == '' and channel == '' and redis.call('HGET', KEYS[1], 'anonymous') ~= 'true' then
  return fail('bad_request', 'This session asks for a name with every question')
end
local wait = bucket_wait(KEYS[6], ARGV[8], ARGV[9], now_ms(), true)
if wait > 0 then
  return fail_after('rate_limited', 'You are asking too fast; try again in a moment', wait)
end
local flags = ARGV[10]
if redis.call('SADD', ARGV[1] .. 'asked:' .. ARGV[2], ARGV[12]) == 0 then
  flags = flags == '' and 'repeat' or flags .. ',repeat'
end
local n = redis.call('HINCRBY', KEYS[1], 'qn', 1)
local id = tostring(n)
local qkey = ARGV[1] .. 'q:' .. id
local qstatus = 'live'
if redis.call('HGET', KEYS[1], 'moderation') == 'pre' or (flags ~= '' and ARGV[13] == '1') then
  qstatus = 'pending'
end
redis.call('HSET', qkey, 'id', id, 'text', ARGV[3], 'aid', ARGV[2], 'status', qstatus,
  'createdAt', now_ms(), 'votes', 0, 'vv', 0)
if ARGV[4] ~= '' then
  redis.call('HSET', qkey, 'author', ARGV[4])
end
if flags ~= '' then
  redis.call('HSET', qkey, 'flags', flags)
end
if ARGV[11] ~= '' then
  redis.call('HSET', qkey, 'marks', ARGV[11])
end
local code = ARGV[16] ~= '' and ARGV[16] or nil
if code then
  redis.call('HSET', qkey, 'fc', code)
  redis.call('HSET', KEYS[8], code, id)
end
local asked = {k = 'asked', q = id, text = ARGV[3], author = ARGV[4] ~= '' and ARGV[4] or nil, status = qstatus,
  code = code}
if channel ~= '' then
  redis.call('HSET', qkey, 'ch', channel)
  asked.channel = channel
  asked.clerk = clerk_number(KEYS[1], ARGV[1] .. 'clerks', ARGV[2])
  if ARGV[18] ~= '' then
    redis.call('HSET', qkey, 'area', ARGV[18])
    asked.area = ARGV[18]
  end
  if ARGV[19] ~= '' then
    redis.call('HSET', qkey, 'spk', ARGV[19])
    asked.speaker = ARGV[19]
  end
  if ARGV[20] == '1' then
    redis.call('HSET', qkey, 'now', 'true')
  end
end
redis.call('ZADD', KEYS[2], n, id)
append_record(KEYS[1], KEYS[7], asked, ARGV[14], ARGV[15])
append_event(KEYS[1], KEYS[3], ARGV[7], ARGV[6],
  {k = 'question', q = question_of(hash_table(qkey)), pub = public_status[qstatus] == true})
return remember(KEYS[4], ARGV[5], {ok = true, questionId = id, followCode = code})
