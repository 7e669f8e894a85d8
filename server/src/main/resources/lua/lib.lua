-- Shared helpers, prepended to every script when it is loaded, after sha256.lua (see LuaScripts.java).
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

-- A token bucket in a hash (t = tokens, a = ms of the last refill), refilled at per_minute up to burst, on Redis's
-- clock. With take, a token is taken when there is one. Answers 0 when there was a token, else the ms until
-- there is one (nothing changes then, so a flood does not push the refill further away). A burst of 0: no limit.
local function bucket_wait(key, burst, per_minute, now, take)
  burst = tonumber(burst)
  per_minute = tonumber(per_minute)
  if burst <= 0 then
    return 0
  end
  local state = redis.call('HMGET', key, 't', 'a')
  local per_ms = per_minute / 60000
  local tokens = tonumber(state[1]) or burst
  local at = tonumber(state[2]) or now
  tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)
  if tokens < 1 then
    if per_ms <= 0 then
      return 3600000
    end
    return math.ceil((1 - tokens) / per_ms)
  end
  if take then
    redis.call('HSET', key, 't', tostring(tokens - 1), 'a', now)
    -- kept until it would be full again, then it is the same as no bucket at all
    local full_after = per_ms > 0 and math.ceil(burst / per_ms) or 86400000
    redis.call('PEXPIRE', key, full_after + 1000)
  end
  return 0
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

-- A question hash as the event and snapshot form (absent fields stay absent: null for Java). flags ("profanity,link")
-- and marks ("profanity:0:2,link:10:31", UTF-16 ranges of the text) are for moderators only; frozen is 'true' or
-- absent. category is a rejection's (for the author and moderators), withheld the category a moderator withheld
-- the text from the public record for (anyone may know it).
local function question_of(h)
  return {
    id = h.id, text = h.text, author = h.author, aid = h.aid, status = h.status,
    createdAt = tonumber(h.createdAt), votes = tonumber(h.votes or '0'),
    answerText = h.answerText, answerAt = tonumber(h.answerAt), mergedInto = h.mergedInto,
    edited = h.edited, reason = h.reason, vv = tonumber(h.vv or '0'),
    flags = h.flags, marks = h.marks, frozen = h.frozen, category = h.category, withheld = h.withheld
  }
end

local function session_of(h)
  return {
    id = h.id, code = h.code, title = h.title, status = h.status, moderation = h.moderation,
    anonymous = h.anonymous, locale = h.locale, maxLength = tonumber(h.maxLength),
    createdAt = tonumber(h.createdAt)
  }
end

local public_status = {live = true, answered = true, archived = true}

-- Numbers the event with the session's next seq, keeps it in the log and publishes it: in one script, so the
-- log and the channel see events in seq order.
local function append_event(session_key, events_key, channel, max_len, event)
  local seq = redis.call('HINCRBY', session_key, 'seq', 1)
  event.seq = seq
  local payload = cjson.encode(event)
  redis.call('XADD', events_key, 'MAXLEN', '~', max_len, seq .. '-0', 'e', payload)
  redis.call('PUBLISH', channel, payload)
  return seq
end

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

-- The pseudonym of a moderator in the record: 1, 2, ... in the order they first acted in the session (kept in
-- the moderators hash: participant id -> number), 0 for the organizer (the admin token). Never the id itself.
local function moderator_number(session_key, moderators_key, moderator_id)
  if moderator_id == 'organizer' then
    return 0
  end
  local known = redis.call('HGET', moderators_key, moderator_id)
  if known then
    return tonumber(known)
  end
  local n = redis.call('HINCRBY', session_key, 'mn', 1)
  redis.call('HSET', moderators_key, moderator_id, n)
  return n
end

local function presence_total(presence_key, now)
  local flat = redis.call('HGETALL', presence_key)
  local total = 0
  for i = 1, #flat, 2 do
    local count, expires = string.match(flat[i + 1], '^(%d+):(%d+)$')
    if count and tonumber(expires) > now then
      total = total + tonumber(count)
    else
      redis.call('HDEL', presence_key, flat[i])
    end
  end
  return total
end
