-- The record chain (part of the scripts that append to it, after sha256.lua; see LuaScripts.java).

-- The session's record chain (see docs/record.md): every fact of the record, appended by the script that
-- changes it, in the same atomic step. Entry n is the JSON object `entry` with its n and its time (Redis's), kept
-- as the exact bytes that were hashed: h(n) = SHA-256(h(n-1) || those bytes), h(0) being 32 zero bytes. The
-- stream is never trimmed; the session hash holds the chain's length (cn) and head (ch). Answers h(n) in hex.
local function append_record(session_key, chain_key, entry)
  local n = redis.call('HINCRBY', session_key, 'cn', 1)
  local previous = redis.call('HGET', session_key, 'ch') or string.rep('0', 64)
  entry.n = n
  entry.at = entry.at or now_ms()
  local payload = cjson.encode(entry)
  local h = sha256_hex(hex_to_bytes(previous) .. payload)
  redis.call('XADD', chain_key, n .. '-0', 'e', payload, 'h', h)
  redis.call('HSET', session_key, 'ch', h)
  return h
end
