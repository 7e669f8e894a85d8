-- A node reports how many sockets it holds for a session; answers and publishes the total over live nodes.
-- KEYS[1] presence hash (node id -> "<count>:<expires at ms>"), KEYS[2] session hash
-- ARGV[1] node id, ARGV[2] count, ARGV[3] ttl ms, ARGV[4] channel
-- A session that no longer exists (deleted) gets no presence entry, so nothing of it is written back.
-- Answer: {"ok":true,"count":<total>}
local now = now_ms()
if tonumber(ARGV[2]) > 0 and redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. (now + tonumber(ARGV[3])))
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
local total = presence_total(KEYS[1], now)
redis.call('PUBLISH', ARGV[4], cjson.encode({k = 'presence', n = total, t = now}))
return cjson.encode({ok = true, count = total})
