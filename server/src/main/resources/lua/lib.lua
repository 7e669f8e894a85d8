-- Shared helpers, prepended to the scripts that use them (see LuaScripts.java, which names the parts of each
-- script): keep this part small, as every call of such a script runs it.
-- Every script answers one JSON string: {"ok":true,...} or {"err":"<error code>","msg":"<text>"}.
-- Key layout (RedisKeys.java): KEYS carry every fixed key of the session; per-question keys are built from the
-- session's key base ARGV[1] = "<prefix>:{<sessionId>}:", so all keys share the session's hash slot.

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function fail(code, msg)
  return cjson.encode({err = code, msg = msg})
end

-- A refusal that tells the client when to try again.
local function fail_after(code, msg, retry_after_ms)
  return cjson.encode({err = code, msg = msg, retryAfterMs = retry_after_ms})
end

-- The stored answer of an earlier call with the same ref, marked as a repeat.
local function repeat_answer(stored)
  local answer = cjson.decode(stored)
  answer.duplicate = true
  return cjson.encode(answer)
end

local function remember(ref_key, ttl_ms, answer)
  local encoded = cjson.encode(answer)
  redis.call('SET', ref_key, encoded, 'PX', ttl_ms)
  return encoded
end

local function hash_table(key)
  local flat = redis.call('HGETALL', key)
  local t = {}
  for i = 1, #flat, 2 do
    t[flat[i]] = flat[i + 1]
  end
  return t
end
