-- A moderator opens, pauses or closes the session.
-- KEYS[1] session hash, KEYS[2] event log, KEYS[3] the ref's key, KEYS[4] audit stream, KEYS[5] record chain,
-- KEYS[6] moderators (hash), KEYS[7] question ids (zset), KEYS[8] identities (hash)
-- ARGV[1] moderator id, ARGV[2] new status (open|paused|closed), ARGV[3] ref ttl ms, ARGV[4] event log length,
-- ARGV[5] channel, ARGV[6] key base
-- Closing writes the tally into the record chain: every question's votes (final while closed: votes and merges
-- are refused then) and how many resident identities joined. Closing also closes every poll still open, as a
-- moderator's close does (lib_poll_close.lua): each its pollClosed entry, its audit line and its logged poll event
-- (its final results, shown to everyone now that it is closed), before the session's own entry and event. Drafts
-- stay drafts (they are not in the record).
-- Answer: {"ok":true,"status"}. Errors: not_found, conflict (already in that status).
local done = redis.call('GET', KEYS[3])
if done then
  return repeat_answer(done)
end
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return fail('not_found', 'No such session')
end
if status == ARGV[2] then
  return fail('conflict', 'The session is already ' .. status)
end
local now = now_ms()
redis.call('HSET', KEYS[1], 'status', ARGV[2])
if ARGV[2] == 'closed' then
  redis.call('HSET', KEYS[1], 'closedAt', now)
end
redis.call('XADD', KEYS[4], '*', 'at', now, 'by', ARGV[1], 'action', 'session', 'question', '',
  'details', cjson.encode({from = status, to = ARGV[2]}))
local by = moderator_number(KEYS[1], KEYS[6], ARGV[1])
if ARGV[2] == 'closed' then
  local base = ARGV[6]
  for _, id in ipairs(redis.call('ZRANGE', base .. 'polls', 0, -1)) do
    if redis.call('HGET', base .. 'p:' .. id, 'status') == 'open' then
      local h = close_poll(base, id, KEYS[1], KEYS[5], by, now)
      redis.call('XADD', KEYS[4], '*', 'at', now, 'by', ARGV[1], 'action', 'poll:close', 'question', '',
        'details', cjson.encode({poll = id, session = 'closed'}))
      append_event(KEYS[1], KEYS[2], ARGV[5], ARGV[4], {k = 'poll', p = poll_of(base, h)})
    end
  end
end
local entry = {k = 'status', at = now, from = status, to = ARGV[2], by = by}
if ARGV[2] == 'closed' then
  local votes = {}
  for _, id in ipairs(redis.call('ZRANGE', KEYS[7], 0, -1)) do
    votes[id] = tonumber(redis.call('HGET', ARGV[6] .. 'q:' .. id, 'votes') or '0')
  end
  entry.votes = votes
  entry.participants = redis.call('HLEN', KEYS[8])
end
append_record(KEYS[1], KEYS[5], entry)
append_event(KEYS[1], KEYS[2], ARGV[5], ARGV[4], {k = 'session', s = session_of(hash_table(KEYS[1]))})
return remember(KEYS[3], ARGV[3], {ok = true, status = ARGV[2]})
