-- Deletes a session's hash, the first step of deleting the session: from then on every script answers not_found
-- for it and writes nothing of it, so its other keys (found by SCAN afterwards) can be deleted without a race.
-- KEYS[1] session hash
-- ARGV[1] '' to delete whatever the session's status, or a time in ms: delete only a session closed before then
-- ARGV[2] (optional) '' or a record chain length: delete only while the chain is that long (what was archived)
-- Answer: {"ok":true,"deleted":true,"code":"<join code>"}; {"ok":true,"deleted":false} when the session is kept
-- (not closed, or closed since); {"ok":true,"deleted":true,"gone":true} when ARGV[1] is a time and the hash is
-- already gone (what is left of the session may be deleted). Errors: not_found (no session and ARGV[1] is '').
local s = redis.call('HMGET', KEYS[1], 'status', 'closedAt', 'code', 'cn')
if not s[1] then
  if ARGV[1] == '' then
    return fail('not_found', 'No such session')
  end
  return cjson.encode({ok = true, deleted = true, gone = true})
end
if ARGV[1] ~= '' and (s[1] ~= 'closed' or not s[2] or tonumber(s[2]) >= tonumber(ARGV[1])) then
  return cjson.encode({ok = true, deleted = false})
end
if ARGV[2] and ARGV[2] ~= '' and (s[4] or '0') ~= ARGV[2] then
  return cjson.encode({ok = true, deleted = false})
end
redis.call('DEL', KEYS[1])
return cjson.encode({ok = true, deleted = true, code = s[3]})
