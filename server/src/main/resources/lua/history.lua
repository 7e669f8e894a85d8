-- The events after a seq, if the log still holds all of them, and the current vote counts.
-- KEYS[1] session hash, KEYS[2] event log, KEYS[3] question ids (zset), KEYS[4] presence hash
-- ARGV[1] key base, ARGV[2] since (last seq the reader has), ARGV[3] epoch the reader has ('' = any),
-- ARGV[4] most events to return, ARGV[5] '1' to include vote counts
-- Answer: {"ok":true,"seq","epoch","presence","at":"<payload under since>","events":["<payload>",...],
-- "counts":{"<qid>":[votes,version]}}
-- or {"ok":true,"gone":true} when the log no longer covers 'since' (or the epoch differs), with "back":true when
-- 'since' is beyond the log's last seq (the log went back). Errors: not_found.
local s = hash_table(KEYS[1])
if not s.id then
  return fail('not_found', 'No such session')
end
local since = tonumber(ARGV[2])
local seq = tonumber(s.seq)
if since > seq then
  -- the reader has seen events the log no longer holds: Redis lost them (a failover to a lagging replica)
  return cjson.encode({ok = true, gone = true, back = true, seq = seq})
end
if (ARGV[3] ~= '' and ARGV[3] ~= s.epoch) or seq - since > tonumber(ARGV[4]) then
  return cjson.encode({ok = true, gone = true})
end
local events = {}
-- the event under 'since' comes too, as 'at': the reader compares it with the one it delivered, which tells a log
-- that went back and was written on past its old end (a failover to a lagging replica) from the same past
local at = nil
if since > 0 then
  local entries = redis.call('XRANGE', KEYS[2], since .. '-0', since .. '-0')
  if #entries > 0 then
    at = entries[1][2][2]
  end
end
if since < seq then
  local entries = redis.call('XRANGE', KEYS[2], (since + 1) .. '-0', '+')
  if #entries == 0 or entries[1][1] ~= (since + 1) .. '-0' then
    return cjson.encode({ok = true, gone = true})
  end
  for i, entry in ipairs(entries) do
    events[i] = entry[2][2]
  end
end
local counts = {}
if ARGV[5] == '1' then
  for _, id in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
    local v = redis.call('HMGET', ARGV[1] .. 'q:' .. id, 'votes', 'vv')
    counts[id] = {tonumber(v[1]), tonumber(v[2] or '0')}
  end
end
return cjson.encode({ok = true, seq = seq, epoch = s.epoch, at = at, events = events, counts = counts,
  presence = presence_total(KEYS[4], now_ms())})
