-- Series carry-over (docs/protocol.md, "carried-over"): a moderator of a new session of a series puts an earlier
-- session's open question on stage, takes it off, or marks it answered on stage. The earlier question is named by
-- its follow-up code; the answer itself is chained onto the earlier question's own chain by the caller (step
-- `answered`); here the new session's chain gets the fact (a `carried` entry) and every screen the stage.
-- KEYS[1] session hash, KEYS[2] event log, KEYS[3] the ref's key, KEYS[4] record chain (stream), KEYS[5] moderators
-- (hash: participant id -> pseudonym number)
-- ARGV[1] key base, ARGV[2] moderator id, ARGV[3] action (stage|unstage|answered), ARGV[4] follow-up code,
-- ARGV[5] the earlier session's id ('' when the caller found no such open item: not_found but for unstage),
-- ARGV[6] the earlier question's id, ARGV[7] ref ttl ms, ARGV[8] event log length,
-- ARGV[9] channel
-- The session hash keeps the code on stage in `carried`; a question put on stage (moderate highlight) replaces it,
-- and putting a carried-over question on stage takes the question on stage off.
-- Answer: {"ok":true}; a repeated ref answers the first answer with "duplicate":true.
-- Errors: not_found (no session), closed (session closed), conflict (already on stage / not on stage),
-- bad_request (unknown action).
local done = redis.call('GET', KEYS[3])
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
local action, code = ARGV[3], ARGV[4]
if ARGV[5] == '' and action ~= 'unstage' then
  return fail('not_found', 'No open question of an earlier session has this code')
end
local max_len, channel = ARGV[8], ARGV[9]
local now = now_ms()
local carried = redis.call('HGET', KEYS[1], 'carried')
local function record()
  append_record(KEYS[1], KEYS[4], {k = 'carried', at = now, action = action, code = code, session = ARGV[5],
    q = ARGV[6], by = moderator_number(KEYS[1], KEYS[5], ARGV[2])})
end
if action == 'stage' then
  if carried == code then
    return fail('conflict', 'This question is already on stage')
  end
  if redis.call('HGET', KEYS[1], 'stage') then
    redis.call('HDEL', KEYS[1], 'stage')
    append_record(KEYS[1], KEYS[4], {k = 'stage', at = now})
  end
  redis.call('HSET', KEYS[1], 'carried', code)
  record()
  append_event(KEYS[1], KEYS[2], channel, max_len, {k = 'stage', carried = code})
elseif action == 'unstage' then
  if carried ~= code then
    return fail('conflict', 'This question is not on stage')
  end
  redis.call('HDEL', KEYS[1], 'carried')
  record()
  append_event(KEYS[1], KEYS[2], channel, max_len, {k = 'stage'})
elseif action == 'answered' then
  record()
  if carried == code then
    redis.call('HDEL', KEYS[1], 'carried')
    append_event(KEYS[1], KEYS[2], channel, max_len, {k = 'stage'})
  end
else
  return fail('bad_request', 'Unknown carry-over action')
end
return remember(KEYS[3], ARGV[7], {ok = true})
