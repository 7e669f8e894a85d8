-- The session's history was rewritten: a failover to a lagging replica lost events that screens had already shown,
-- and new events took their seqs. A new epoch makes every client that resumes get a full snapshot instead.
-- KEYS[1] session hash
-- ARGV[1] the seq seen rewritten, ARGV[2] a new epoch
-- Answer: {"ok":true,"rotated":true|false}: a rewrite another node already answered (the epoch began at or after
-- that seq) changes nothing. Errors: not_found.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return fail('not_found', 'No such session')
end
local from = tonumber(redis.call('HGET', KEYS[1], 'epochFrom') or '-1')
if from >= tonumber(ARGV[1]) then
  return cjson.encode({ok = true, rotated = false})
end
redis.call('HSET', KEYS[1], 'epoch', ARGV[2], 'epochFrom', ARGV[1])
return cjson.encode({ok = true, rotated = true})
