-- Replaces a session's livestream settings (RedisStreamSettingsStore.java), only while the session exists, so a
-- session deleted meanwhile leaves no stray key.
-- KEYS[1] the session hash, KEYS[2] the session's stream hash
-- ARGV[1] the stream link ('' for none), ARGV[2] the embedding origins, space-separated ('' for none)
-- Answer: {"ok":true} or {"err":"not_found"}
if redis.call('EXISTS', KEYS[1]) == 0 then
  return cjson.encode({err = 'not_found', msg = 'No such session'})
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'url', ARGV[1], 'origins', ARGV[2])
return cjson.encode({ok = true})
