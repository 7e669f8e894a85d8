-- The organizer revokes a session's moderator, stage and/or clerk tokens: the role's token generation goes up by
-- one, so every token issued before (it carries the generation it was issued in) is refused from now on; every node
-- is told on the session's channel so it closes the sockets that hold such a token.
-- KEYS[1] session hash
-- ARGV[1] channel, ARGV[2] "1" to revoke moderator tokens, ARGV[3] "1" to revoke stage tokens,
-- ARGV[4] "1" to revoke clerk tokens
-- Answer: {"ok":true,"gm","gs","gc"} (the generations now). Errors: not_found.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return fail('not_found', 'No such session')
end
if ARGV[2] == '1' then
  redis.call('HINCRBY', KEYS[1], 'gm', 1)
end
if ARGV[3] == '1' then
  redis.call('HINCRBY', KEYS[1], 'gs', 1)
end
if ARGV[4] == '1' then
  redis.call('HINCRBY', KEYS[1], 'gc', 1)
end
local gm = tonumber(redis.call('HGET', KEYS[1], 'gm') or '0')
local gs = tonumber(redis.call('HGET', KEYS[1], 'gs') or '0')
local gc = tonumber(redis.call('HGET', KEYS[1], 'gc') or '0')
redis.call('PUBLISH', ARGV[1], cjson.encode({k = 'revoked', gm = gm, gs = gs, gc = gc}))
return cjson.encode({ok = true, gm = gm, gs = gs, gc = gc})
