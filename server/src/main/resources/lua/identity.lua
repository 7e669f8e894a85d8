-- Records a new resident identity for the vote signals: when it was made (Redis time) and a keyed hash of the
-- client address it came from (never the address itself).
-- KEYS[1] session hash, KEYS[2] identities (hash: participant id -> "<created at ms>:<address hash>")
-- ARGV[1] participant id, ARGV[2] address hash
-- Answer: {"ok":true}. Errors: not_found (no session: nothing is written for a session that does not exist).
if redis.call('EXISTS', KEYS[1]) == 0 then
  return fail('not_found', 'No such session')
end
redis.call('HSETNX', KEYS[2], ARGV[1], now_ms() .. ':' .. ARGV[2])
return cjson.encode({ok = true})
