-- A moderator prepares a poll, opens it, closes it, or hides one of its text answers (see docs/protocol.md, "Polls").
-- KEYS[1] session hash, KEYS[2] event log, KEYS[3] the ref's key, KEYS[4] polls (zset: poll id -> number),
-- KEYS[5] audit stream, KEYS[6] moderators (hash), KEYS[7] record chain
-- ARGV[1] key base, ARGV[2] moderator id, ARGV[3] action (create|open|close|hide), ARGV[4] poll id ('' to create),
-- ARGV[5] ref ttl ms, ARGV[6] event log length, ARGV[7] channel, ARGV[8] the most polls of one session,
-- ARGV[9] create: {"kind","question","max","hidden","slots"} (checked by the caller); hide: the answer's number,
-- ARGV[10] create: the options, a JSON array (checked by the caller)
-- A poll is <base>p:<id> (definition, status, times, counts as a JSON array, answers, pv: the results version);
-- its answers are in <base>pa:<id> (participant -> answer, see answer_poll.lua).
-- Every change is logged and published as {"k":"poll","seq","p":{poll with its results}}. The record chain gets
-- (docs/record.md) pollOpened (the definition, as residents see it from then on), pollClosed (the final counts and
-- answers, and the text answers shown, i.e. neither hidden nor flagged, with their word cloud: words) and
-- pollAnswerHidden; a draft is not in it.
-- Answers of a closed poll are in the record: hiding one then is refused (conflict). The close itself is
-- close_poll (lib_poll_close.lua), which session_status.lua also runs for every poll still open when the session closes.
-- Answer: {"ok":true,"poll":"<id>"}. Errors: not_found (no session, poll or answer), closed (the session is
-- closed: no new poll, none opened), conflict (the poll is not in a status the action applies to; too many polls;
-- the answer is already hidden), bad_request (hide on a poll that is not a text poll).
local done = redis.call('GET', KEYS[3])
if done then
  return repeat_answer(done)
end
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return fail('not_found', 'No such session')
end
local base = ARGV[1]
local action = ARGV[3]
local now = now_ms()
local id = ARGV[4]
local key
local details
if action == 'create' then
  if status == 'closed' then
    return fail('closed', 'The session is closed')
  end
  if redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[8]) then
    return fail('conflict', 'This session has as many polls as it may have')
  end
  local def = cjson.decode(ARGV[9])
  local n = redis.call('HINCRBY', KEYS[1], 'pn', 1)
  id = tostring(n)
  key = base .. 'p:' .. id
  local zeros = {}
  for i = 1, tonumber(def.slots) do
    zeros[i] = '0'
  end
  redis.call('HSET', key, 'id', id, 'kind', def.kind, 'question', def.question, 'options', ARGV[10],
    'max', def.max, 'hidden', tostring(def.hidden), 'status', 'draft', 'createdAt', now,
    'counts', '[' .. table.concat(zeros, ',') .. ']', 'answers', 0, 'pv', 0)
  redis.call('ZADD', KEYS[4], n, id)
  details = {kind = def.kind}
else
  key = base .. 'p:' .. id
  local p = redis.call('HMGET', key, 'status', 'kind')
  if not p[1] then
    return fail('not_found', 'No such poll')
  end
  if action == 'open' then
    if status == 'closed' then
      return fail('closed', 'The session is closed')
    end
    if p[1] ~= 'draft' then
      return fail('conflict', 'Only a prepared poll can be opened; this one is ' .. p[1])
    end
    redis.call('HSET', key, 'status', 'open', 'openedAt', now)
    local h = hash_table(key)
    append_record(KEYS[1], KEYS[7], {k = 'pollOpened', at = now, by = moderator_number(KEYS[1], KEYS[6], ARGV[2]),
      poll = id, kind = h.kind, question = h.question, options = cjson.decode(h.options), max = tonumber(h.max),
      hidden = h.hidden == 'true'})
  elseif action == 'close' then
    if p[1] ~= 'open' then
      return fail('conflict', 'Only an open poll can be closed; this one is ' .. p[1])
    end
    close_poll(base, id, KEYS[1], KEYS[7], moderator_number(KEYS[1], KEYS[6], ARGV[2]), now)
  else -- hide
    if p[2] ~= 'text' then
      return fail('bad_request', 'Only the answers of a text poll can be hidden')
    end
    if p[1] == 'closed' then
      return fail('conflict', 'The poll is closed: its answers are in the record')
    end
    local n = ARGV[9]
    if redis.call('HEXISTS', base .. 'px:' .. id, n) == 0 then
      return fail('not_found', 'No such answer')
    end
    if redis.call('SADD', base .. 'ph:' .. id, n) == 0 then
      return fail('conflict', 'That answer is already hidden')
    end
    if redis.call('ZREM', base .. 'pt:' .. id, n) == 1 then
      poll_words_count(base, id, n, -1) -- a shown answer: its words leave the cloud
    end
    redis.call('HINCRBY', key, 'pv', 1)
    details = {answer = tonumber(n)}
    append_record(KEYS[1], KEYS[7], {k = 'pollAnswerHidden', at = now,
      by = moderator_number(KEYS[1], KEYS[6], ARGV[2]), poll = id, answer = tonumber(n)})
  end
end
redis.call('XADD', KEYS[5], '*', 'at', now, 'by', ARGV[2], 'action', 'poll:' .. action, 'question', '',
  'details', cjson.encode(details or {poll = id}))
append_event(KEYS[1], KEYS[2], ARGV[7], ARGV[6], {k = 'poll', p = poll_of(base, hash_table(key))})
return remember(KEYS[3], ARGV[5], {ok = true, poll = id})
