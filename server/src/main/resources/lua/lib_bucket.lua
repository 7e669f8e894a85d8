-- Rate limits: a token bucket (part of the scripts that take tokens; see LuaScripts.java).

-- A token bucket in a string "<tokens>:<ms of the last refill>", refilled at per_minute up to burst, on Redis's
-- clock. With take, a token is taken when there is one. Answers 0 when there was a token, else the ms until
-- there is one (nothing changes then, so a flood does not push the refill further away). A burst of 0: no limit.
-- A string, not a hash: taking a token is one SET with its expiry, and a script may read the bucket together with
-- other strings of its slot in one MGET and pass what it read as state (false: no bucket); without state it is read
-- here.
local function bucket_wait(key, burst, per_minute, now, take, state)
  burst = tonumber(burst)
  per_minute = tonumber(per_minute)
  if burst <= 0 then
    return 0
  end
  local per_ms = per_minute / 60000
  local tokens, at = burst, now
  if state == nil then
    state = redis.call('GET', key)
  end
  if state then
    local t, a = string.match(state, '^([^:]+):(%d+)$')
    tokens = tonumber(t) or burst
    at = tonumber(a) or now
  end
  tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)
  if tokens < 1 then
    if per_ms <= 0 then
      return 3600000
    end
    return math.ceil((1 - tokens) / per_ms)
  end
  if take then
    -- kept until it would be full again, then it is the same as no bucket at all
    local full_after = per_ms > 0 and math.ceil(burst / per_ms) or 86400000
    redis.call('SET', key, (tokens - 1) .. ':' .. now, 'PX', full_after + 1000)
  end
  return 0
end
