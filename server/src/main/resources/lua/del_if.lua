-- Deletes a key only while it holds the given value: a join code still naming its session, a lock still held by
-- its owner.
-- KEYS[1] the key
-- ARGV[1] the value it must hold
-- Answer: {"ok":true,"deleted":true|false}
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return cjson.encode({ok = true, deleted = true})
end
return cjson.encode({ok = true, deleted = false})
