-- Creates a session.
-- KEYS[1] session hash, KEYS[2] record chain (stream)
-- ARGV[1] id, ARGV[2] join code, ARGV[3] title, ARGV[4] moderation (pre|post), ARGV[5] anonymous (true|false),
-- ARGV[6] locale (vi|en), ARGV[7] max question length, ARGV[8] epoch
-- The record chain starts with the session's creation.
-- Answer: {"ok":true,"session":{...}} or err conflict when the id is taken.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return fail('conflict', 'A session with this id exists')
end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'code', ARGV[2], 'title', ARGV[3], 'status', 'open',
  'moderation', ARGV[4], 'anonymous', ARGV[5], 'locale', ARGV[6], 'maxLength', ARGV[7],
  'createdAt', now_ms(), 'epoch', ARGV[8], 'seq', 0, 'qn', 0, 'vv', 0)
append_record(KEYS[1], KEYS[2], {k = 'created', id = ARGV[1], title = ARGV[3], moderation = ARGV[4],
  anonymous = ARGV[5] == 'true', locale = ARGV[6]})
return cjson.encode({ok = true, session = session_of(hash_table(KEYS[1]))})
