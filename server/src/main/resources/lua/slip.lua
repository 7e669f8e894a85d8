-- A clerk (or a moderator) attaches the photo of a question's paper slip (issue 17): the question names the kept
-- photo by its SHA-256 (the bytes are in PostgreSQL, kept before this runs). A new photo replaces the one before while
-- the session is live and the photo is not public yet. Not chained: the record commits to a photo only when a
-- moderator publishes it (moderate.lua, publishSlip). Setting the photo the question already names changes nothing.
-- KEYS[1] session hash, KEYS[2] event log, KEYS[3] audit stream
-- ARGV[1] key base, ARGV[2] who (the clerk's or moderator's participant id, or 'organizer'), ARGV[3] '1' when who
-- moderates, ARGV[4] question id, ARGV[5] the photo's SHA-256 (64 hex digits, checked), ARGV[6] event log length,
-- ARGV[7] channel
-- Answer: {"ok":true,"questionId"}. Errors: not_found (no session, no question), closed (the session is closed),
-- forbidden (a clerk's upload for a question another clerk entered), conflict (not a clerk's entry for someone, or
-- its photo is already public).
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return fail('not_found', 'No such session')
end
if status == 'closed' then
  return fail('closed', 'The session is closed')
end
local base, who, moderates, id, sha = ARGV[1], ARGV[2], ARGV[3] == '1', ARGV[4], ARGV[5]
local qkey = base .. 'q:' .. id
local q = hash_table(qkey)
if not q.id then
  return fail('not_found', 'No such question')
end
if not q.ch then
  return fail('conflict', 'Only a question a clerk entered on behalf of someone takes a photo of a paper slip')
end
if not moderates and q.aid ~= who then
  return fail('forbidden', 'Only the clerk who entered the question attaches its photo')
end
if q.slipPublic == 'true' then
  return fail('conflict', 'The photo of this slip is already public; it is no longer replaced')
end
if q.slip == sha then
  return cjson.encode({ok = true, questionId = id})
end
local now = now_ms()
redis.call('HSET', qkey, 'slip', sha, 'updatedAt', now)
redis.call('XADD', KEYS[3], '*', 'at', now, 'by', who, 'action', 'slip', 'question', id,
  'details', cjson.encode({sha256 = sha}))
append_event(KEYS[1], KEYS[2], ARGV[7], ARGV[6],
  {k = 'question', q = question_of(hash_table(qkey)), pub = public_status[q.status] == true})
return cjson.encode({ok = true, questionId = id})
