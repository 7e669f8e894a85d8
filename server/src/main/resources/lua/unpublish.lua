-- The organizer withdraws a published record from the public, saying why; the withdrawal and its reason stay in
-- the record chain (and so in the record when it is published again).
-- KEYS[1] session hash, KEYS[2] record chain (stream), KEYS[3] moderators (hash)
-- ARGV[1] the organizer's participant id, ARGV[2] reason (checked)
-- Answer: {"ok":true,"withdrawnAt":ms}. Errors: not_found, conflict (the record is not published).
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return fail('not_found', 'No such session')
end
if not redis.call('HGET', KEYS[1], 'publishedAt') then
  return fail('conflict', 'The record is not published')
end
local now = now_ms()
redis.call('HDEL', KEYS[1], 'publishedAt')
append_record(KEYS[1], KEYS[2], {k = 'unpublished', at = now,
  by = moderator_number(KEYS[1], KEYS[3], ARGV[1]), reason = ARGV[2]})
return cjson.encode({ok = true, withdrawnAt = now})
