-- The record chain (part of the scripts that append to it, after sha256.lua; see LuaScripts.java).

-- The session's record chain (see docs/record.md): every fact of the record, appended by the script that
-- changes it, in the same atomic step. Entry n is the JSON object `entry` with its n and its time (Redis's), kept
-- as the exact bytes that were hashed: h(n) = SHA-256(h(n-1) || those bytes), h(0) being 32 zero bytes. The
-- stream is never trimmed; the session hash holds the chain's length (cn) and head (ch). Answers h(n) in hex.
--
-- Sealed fields (docs/record.md, Seals.java): sealed_json, when not '', is the entry's {"<field>":"<salted hash>"}
-- (computed by the caller, with random salts): each such field is left out of the public entry, which gets
-- sealed = that object instead; private_json (the values and salts) is kept in the stream's field p, beside the
-- entry and outside the hash.
local function append_record(session_key, chain_key, entry, sealed_json, private_json)
  local n = redis.call('HINCRBY', session_key, 'cn', 1)
  local previous = redis.call('HGET', session_key, 'ch') or string.rep('0', 64)
  entry.n = n
  entry.at = entry.at or now_ms()
  if sealed_json and sealed_json ~= '' then
    local sealed = cjson.decode(sealed_json)
    for field in pairs(sealed) do
      entry[field] = nil
    end
    entry.sealed = sealed
  end
  local payload = cjson.encode(entry)
  local h = sha256_hex(hex_to_bytes(previous) .. payload)
  if private_json and private_json ~= '' then
    redis.call('XADD', chain_key, n .. '-0', 'e', payload, 'h', h, 'p', private_json)
  else
    redis.call('XADD', chain_key, n .. '-0', 'e', payload, 'h', h)
  end
  redis.call('HSET', session_key, 'ch', h)
  return h
end
