-- The organizer makes the session's record public. Publishing again changes nothing; after a withdrawal
-- (unpublish.lua) it publishes anew.
-- KEYS[1] session hash, KEYS[2] record chain (stream), KEYS[3] moderators (hash)
-- ARGV[1] moderator id
-- Answer: {"ok":true,"publishedAt":ms} ("already":true when it was published before). Errors: not_found.
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return fail('not_found', 'No such session')
end
local published = redis.call('HGET', KEYS[1], 'publishedAt')
if published then
  return cjson.encode({ok = true, publishedAt = tonumber(published), already = true})
end
local now = now_ms()
redis.call('HSET', KEYS[1], 'publishedAt', now)
append_record(KEYS[1], KEYS[2], {k = 'published', at = now, by = moderator_number(KEYS[1], KEYS[3], ARGV[1])})
return cjson.encode({ok = true, publishedAt = now})
