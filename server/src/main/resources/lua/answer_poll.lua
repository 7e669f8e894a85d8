-- A participant answers an open poll or changes their answer: one answer per participant per poll, a changed answer
-- replacing the earlier one in the counts (so it counts once).
-- KEYS[1] session hash, KEYS[2] the ref's key, KEYS[3] banned participants (set), KEYS[4] the participant's
-- answer bucket
-- ARGV[1] key base, ARGV[2] participant id, ARGV[3] poll id, ARGV[4] what is given: 'c' (choices), 'r' (rating) or
-- 't' (text), ARGV[5] the choices as a JSON array of option indexes, the rating, or the text (checked by the
-- caller), ARGV[6] ref ttl ms, ARGV[7] bucket burst, ARGV[8] per minute, ARGV[9] '1' when the content rules
-- flagged the text (it counts but is not shown), ARGV[10] a text's words, found by the caller (domain.WordCloud):
-- a JSON array of [folded, as written] pairs, each word once ('[]' otherwise)
-- Keys of the poll: <base>p:<id> (counts, answers, pv, tn: the last text answer number), <base>pa:<id>
-- (participant -> their answer: {"c":[...]} | {"r":n} | {"t":"...","n":n}), <base>px:<id> (answer number -> text),
-- <base>pt:<id> (numbers of the shown text answers by time), <base>ph:<id> (hidden numbers), and the word cloud
-- (lib_session.lua: pw, pd, pk): a shown answer's words are counted, a changed answer's earlier words uncounted
-- first, so each shown answer counts its words once; hidden and flagged answers count none.
-- Answer: {"ok":true,"poll","changed","results":{counts,answers,texts,words,version}}. A repeated ref answers the first
-- answer. Errors: not_found (no session or poll), closed (session or poll closed), conflict (the poll is not open
-- yet), bad_request (an answer that does not fit the poll's kind), forbidden (banned), rate_limited.
local done = redis.call('GET', KEYS[2])
if done then
  return repeat_answer(done)
end
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return fail('not_found', 'No such session')
end
if status == 'closed' then
  return fail('closed', 'The session is closed')
end
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 1 then
  return fail('forbidden', 'You can no longer take part in this session')
end
local base = ARGV[1]
local id = ARGV[3]
local key = base .. 'p:' .. id
local h = hash_table(key)
if not h.id then
  return fail('not_found', 'No such poll')
end
if h.status == 'closed' then
  return fail('closed', 'The poll is closed')
end
if h.status ~= 'open' then
  return fail('conflict', 'The poll is not open yet')
end
local counts = cjson.decode(h.counts)
local slots = #counts
local given = ARGV[4]
local picks = {}
if h.kind == 'single' or h.kind == 'multiple' then
  if given ~= 'c' then
    return fail('bad_request', 'This poll is answered with choices')
  end
  local seen = {}
  for _, c in ipairs(cjson.decode(ARGV[5])) do
    if c < 0 or c >= slots or seen[c] then
      return fail('bad_request', 'Each choice must be one of the options, once')
    end
    seen[c] = true
    picks[#picks + 1] = c
  end
  local most = h.kind == 'single' and 1 or tonumber(h.max)
  if #picks < 1 or #picks > most then
    return fail('bad_request', 'Pick from 1 to ' .. most .. ' options')
  end
elseif h.kind == 'rating' then
  local r = tonumber(ARGV[5])
  if given ~= 'r' or not r or r < 1 or r > slots then
    return fail('bad_request', 'This poll is answered with a rating from 1 to ' .. slots)
  end
  picks[1] = r - 1
elseif given ~= 't' then
  return fail('bad_request', 'This poll is answered with a short text')
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = bucket_wait(KEYS[4], ARGV[7], ARGV[8], now, true)
if wait > 0 then
  return fail_after('rate_limited', 'You are answering too fast; try again in a moment', wait)
end
local answers_key = base .. 'pa:' .. id
local old_json = redis.call('HGET', answers_key, ARGV[2])
local old = old_json and cjson.decode(old_json) or nil
local new
if h.kind == 'text' then
  new = {t = ARGV[5], n = old and old.n or redis.call('HINCRBY', key, 'tn', 1)}
elseif h.kind == 'rating' then
  new = {r = picks[1] + 1}
else
  table.sort(picks)
  new = {c = picks}
end
local new_json = cjson.encode(new)
local changed = new_json ~= old_json
if changed then
  -- the earlier answer leaves the counts, the new one enters: a changed answer counts once
  if old then
    if old.c then
      for _, c in ipairs(old.c) do
        counts[c + 1] = counts[c + 1] - 1
      end
    elseif old.r then
      counts[old.r] = counts[old.r] - 1
    end
  end
  for _, c in ipairs(picks) do
    counts[c + 1] = counts[c + 1] + 1
  end
  redis.call('HSET', answers_key, ARGV[2], new_json)
  if h.kind == 'text' then
    local n = new.n
    redis.call('HSET', base .. 'px:' .. id, n, ARGV[5])
    if redis.call('ZSCORE', base .. 'pt:' .. id, n) then
      poll_words_count(base, id, n, -1) -- the earlier answer was shown: its words leave the cloud
    end
    local shown = ARGV[9] ~= '1' and redis.call('SISMEMBER', base .. 'ph:' .. id, n) == 0
    poll_words_keep(base, id, n, cjson.decode(ARGV[10] or '[]'), shown)
    if not shown then
      redis.call('ZREM', base .. 'pt:' .. id, n)
    else
      redis.call('ZADD', base .. 'pt:' .. id, now, n)
      poll_words_count(base, id, n, 1)
    end
  end
  h.counts = slots == 0 and '[]' or cjson.encode(counts)
  h.answers = tostring(tonumber(h.answers or '0') + (old and 0 or 1))
  h.pv = tostring(redis.call('HINCRBY', key, 'pv', 1))
  redis.call('HSET', key, 'counts', h.counts, 'answers', h.answers)
end
return remember(KEYS[2], ARGV[6], {ok = true, poll = id, changed = changed, results = poll_results(base, id, h)})
