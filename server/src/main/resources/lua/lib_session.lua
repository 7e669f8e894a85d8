-- A session's questions, events and presence (part of the scripts that read or change them; see LuaScripts.java).

-- A question hash as the event and snapshot form (absent fields stay absent: null for Java). flags ("profanity,link")
-- and marks ("profanity:0:2,link:10:31", UTF-16 ranges of the text) are for moderators only; frozen and
-- authorBanned (its author was banned for it: moderators and the author are told) are 'true' or absent. A clerk's
-- entry also has ch (its channel), area, spk (the speaker's name: moderators and the clerk only, everyone once
-- spkPublic is 'true', a moderator's publishName) and now ('true': being asked at the microphone now), and slip (the
-- SHA-256 of the photo of its paper slip, slip.lua) with slipPublic ('true': a moderator's publishSlip).
local function question_of(h)
  return {
    id = h.id, text = h.text, author = h.author, aid = h.aid, status = h.status,
    createdAt = tonumber(h.createdAt), votes = tonumber(h.votes or '0'),
    answerText = h.answerText, answerAt = tonumber(h.answerAt), mergedInto = h.mergedInto,
    edited = h.edited, reason = h.reason, vv = tonumber(h.vv or '0'),
    flags = h.flags, marks = h.marks, frozen = h.frozen, category = h.category, withheld = h.withheld,
    authorBanned = h.authorBanned, followCode = h.fc, followUp = h.fus,
    channel = h.ch, area = h.area, speaker = h.spk, askingNow = h.now, namePublic = h.spkPublic,
    slip = h.slip, slipPublic = h.slipPublic,
    topic = h.topic, areaKey = h.areaKey
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

-- The pseudonym of a clerk in the record ("entered by clerk #n"): 1, 2, ... in the order they first entered a
-- question in the session (kept in the clerks hash: participant id -> number). Never the id itself.
local function clerk_number(session_key, clerks_key, clerk_id)
  local known = redis.call('HGET', clerks_key, clerk_id)
  if known then
    return tonumber(known)
  end
  local n = redis.call('HINCRBY', session_key, 'kn', 1)
  redis.call('HSET', clerks_key, clerk_id, n)
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

-- The word cloud of a text poll: <base>pw:<id> (zset: folded word -> in how many shown answers it is),
-- <base>pd:<id> (hash: folded word -> the form shown, the first accented one written) and <base>pk:<id> (hash:
-- answer number -> its folded words, a JSON array). Only shown answers (those in <base>pt:<id>: neither hidden nor
-- flagged) are counted.
-- Counts the words of answer n (its stored folded words) once more (delta 1) or once less (delta -1); a word no
-- answer holds any more leaves the cloud.
local function poll_words_count(base, id, n, delta)
  local stored = redis.call('HGET', base .. 'pk:' .. id, n)
  if not stored then
    return
  end
  local cloud = base .. 'pw:' .. id
  for _, key in ipairs(cjson.decode(stored)) do
    local count = tonumber(redis.call('ZINCRBY', cloud, delta, key))
    if count <= 0 then
      redis.call('ZREM', cloud, key)
      redis.call('HDEL', base .. 'pd:' .. id, key)
    end
  end
end

-- Keeps the words of answer n ({{folded, as written}, ...}, each once) for later counts and, when the answer is
-- shown, remembers a form to show for each word: the first one written, replaced once by the first accented one
-- (an unaccented form equals its folded key), so "ngap nuoc" written first does not keep "ngập nước" out.
local function poll_words_keep(base, id, n, words, shown)
  local keys = {}
  local forms = base .. 'pd:' .. id
  for i, word in ipairs(words) do
    keys[i] = word[1]
    if shown then
      local known = redis.call('HGET', forms, word[1])
      if not known or (known == word[1] and word[2] ~= word[1]) then
        redis.call('HSET', forms, word[1], word[2])
      end
    end
  end
  redis.call('HSET', base .. 'pk:' .. id, n, #keys == 0 and '[]' or cjson.encode(keys))
end

-- A poll's results (<base>p:<id> hash h): counts per option or rating (a JSON array kept as text), how many answered,
-- the results version (pv, raised by every change of the results) and, for a text poll, the newest 50 answers that
-- are not hidden (<base>pt:<id>, a zset of answer numbers by time; <base>px:<id>, number -> text) and the 50 most
-- frequent words of those not hidden (most frequent first, ties by folded word).
local function poll_results(base, id, h)
  local texts = {}
  local words = {}
  if h.kind == 'text' then
    local ns = redis.call('ZREVRANGE', base .. 'pt:' .. id, 0, 49)
    if #ns > 0 then
      local values = redis.call('HMGET', base .. 'px:' .. id, unpack(ns))
      for i = 1, #ns do
        texts[#texts + 1] = {n = tonumber(ns[i]), text = values[i]}
      end
    end
    local top = redis.call('ZREVRANGE', base .. 'pw:' .. id, 0, 49, 'WITHSCORES')
    if #top > 0 then
      local keys = {}
      local found = {}
      for i = 1, #top, 2 do
        keys[#keys + 1] = top[i]
        found[#found + 1] = {key = top[i], count = tonumber(top[i + 1])}
      end
      table.sort(found, function(a, b)
        if a.count ~= b.count then
          return a.count > b.count
        end
        return a.key < b.key
      end)
      local forms = {}
      local shown = redis.call('HMGET', base .. 'pd:' .. id, unpack(keys))
      for i = 1, #keys do
        forms[keys[i]] = shown[i] or keys[i]
      end
      for i, f in ipairs(found) do
        words[i] = {word = forms[f.key], count = f.count}
      end
    end
  end
  return {counts = cjson.decode(h.counts or '[]'), answers = tonumber(h.answers or '0'), texts = texts,
    words = words, version = tonumber(h.pv or '0')}
end

-- A poll hash as the event and snapshot form, with its results.
local function poll_of(base, h)
  return {
    id = h.id, kind = h.kind, question = h.question, options = cjson.decode(h.options or '[]'),
    max = tonumber(h.max or '0'), hidden = h.hidden == 'true', status = h.status,
    createdAt = tonumber(h.createdAt), openedAt = tonumber(h.openedAt or '0'), closedAt = tonumber(h.closedAt or '0'),
    results = poll_results(base, h.id, h)
  }
end

-- Every poll of the session (<base>polls: poll ids by number), oldest first.
local function polls_of(base)
  local polls = {}
  for _, id in ipairs(redis.call('ZRANGE', base .. 'polls', 0, -1)) do
    polls[#polls + 1] = poll_of(base, hash_table(base .. 'p:' .. id))
  end
  return polls
end
