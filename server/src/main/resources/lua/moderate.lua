-- A moderator acts on a question. One script for the whole `moderate` message: every action shares the checks
-- (ref, session, question) and the bookkeeping (event log, audit stream), and is atomic.
-- KEYS[1] session hash, KEYS[2] event log, KEYS[3] the ref's key, KEYS[4] audit stream, KEYS[5] banned set,
-- KEYS[6] record chain (stream), KEYS[7] moderators (hash: participant id -> pseudonym number)
-- ARGV[1] key base, ARGV[2] moderator id, ARGV[3] question id, ARGV[4] action, ARGV[5] text (edit, answer; checked),
-- ARGV[6] reason (reject; checked), ARGV[7] into (merge), ARGV[8] ref ttl ms, ARGV[9] event log length,
-- ARGV[10] channel, ARGV[11] content flags of the new text (edit; '' for none), ARGV[12] where they are (edit),
-- ARGV[13] category (reject, withhold: off_topic|duplicate|abusive|spam|personal_data|other; checked),
-- ARGV[14] '1' when the wording an edit replaces may be public in the record (edit),
-- ARGV[15] the record entry's sealed hashes (JSON: text of an edit, reason of a reject or withhold, q of a ban),
-- ARGV[16] their private part (see append_record)
-- Actions: approve (pending -> live), reject (pending|live -> rejected, with reason),
-- edit (text; not withdrawn; the first text is kept as originalText; the content flags become the new text's,
-- a "repeat" flag stays), answer (pending|live|answered|archived ->
-- answered, text optional), highlight (live|answered -> on stage), unhighlight (on stage -> off),
-- archive (live|answered -> archived), restore (archived|rejected -> live, or answered if it has an answer),
-- merge (into another open question: voter sets united, the merged one archived and pointing to it),
-- ban (the question's author may no longer ask or vote), freeze (votes on it are refused until unfreeze; not
-- already frozen), unfreeze (frozen -> votes accepted again), withhold (live|answered|archived, not withheld: its
-- text is kept out of the public record, with a category and an optional reason), unwithhold (withheld -> not).
-- publishName (a clerk's entry with a name, not published yet: the person's name becomes public, in the live
-- question and in the record).
-- publishSlip (a clerk's entry with a photo of its paper slip, not published yet; ARGV[5] is the SHA-256 of the photo
-- the moderator saw, which must still be the question's: the record entry carries it as sha256, and the photo becomes
-- public; publishing it again answers ok and chains nothing).
-- withhold, unwithhold, publishName and publishSlip are accepted in a closed session too (they change the record, not the dialogue): the
-- organizer reads the preview after the close.
-- Every applied action is also appended to the record chain with the moderator's pseudonym number (never the
-- id), and so is every change of the stage it causes.
-- Answer: {"ok":true,"questionId"}. Errors: not_found, closed (session closed), conflict (the action does not
-- apply to the question's state now), bad_request (unknown action, missing text/reason/into).
local done = redis.call('GET', KEYS[3])
if done then
  return repeat_answer(done)
end
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return fail('not_found', 'No such session')
end
local base, moderator, id, action = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if status == 'closed' and action ~= 'withhold' and action ~= 'unwithhold' and action ~= 'publishName'
    and action ~= 'publishSlip' then
  return fail('closed', 'The session is closed')
end
local category, publish_original = ARGV[13], ARGV[14] == '1'
local text, reason, into = ARGV[5], ARGV[6], ARGV[7]
local ttl, max_len, channel = ARGV[8], ARGV[9], ARGV[10]
local qkey = base .. 'q:' .. id
local q = hash_table(qkey)
if not q.id then
  return fail('not_found', 'No such question')
end
local now = now_ms()
local was_public = public_status[q.status] == true
local on_stage = redis.call('HGET', KEYS[1], 'stage') == id

local function audit(details)
  redis.call('XADD', KEYS[4], '*', 'at', now, 'by', moderator, 'action', action, 'question', id,
    'details', cjson.encode(details))
end

-- The record's entry of this action; details: reason, text, into, votes where the action has one.
local function record(details)
  local entry = {k = 'moderated', at = now, q = id, action = action,
    by = moderator_number(KEYS[1], KEYS[7], moderator)}
  for name, value in pairs(details) do
    entry[name] = value
  end
  append_record(KEYS[1], KEYS[6], entry, ARGV[15], ARGV[16])
end

local function record_stage(staged)
  append_record(KEYS[1], KEYS[6], {k = 'stage', at = now, q = staged})
end

local function announce(key, public_before)
  local h = hash_table(key)
  append_event(KEYS[1], KEYS[2], channel, max_len,
    {k = 'question', q = question_of(h), pub = public_before or public_status[h.status] == true})
end

local function clear_stage()
  redis.call('HDEL', KEYS[1], 'stage')
  record_stage(nil)
  append_event(KEYS[1], KEYS[2], channel, max_len, {k = 'stage'})
end

local function set_status(new_status)
  redis.call('HSET', qkey, 'status', new_status, 'updatedAt', now)
end

local function requires(allowed)
  return allowed[q.status] == true
end

if action == 'approve' then
  if q.status ~= 'pending' then
    return fail('conflict', 'Only pending questions can be approved')
  end
  set_status('live')
  audit({from = q.status})
  record({})
  announce(qkey, was_public)
elseif action == 'reject' then
  if not requires({pending = true, live = true}) then
    return fail('conflict', 'Only pending or live questions can be rejected')
  end
  set_status('rejected')
  redis.call('HSET', qkey, 'reason', reason, 'category', category)
  audit({from = q.status, reason = reason, category = category})
  record({reason = reason, category = category})
  announce(qkey, was_public)
  if on_stage then clear_stage() end
elseif action == 'edit' then
  if q.status == 'withdrawn' then
    return fail('conflict', 'A withdrawn question cannot be edited')
  end
  if text == q.text then
    return fail('conflict', 'The text is unchanged')
  end
  if not q.originalText then
    redis.call('HSET', qkey, 'originalText', q.text)
  end
  redis.call('HSET', qkey, 'text', text, 'edited', 'true', 'updatedAt', now)
  local flags = ARGV[11]
  if q.flags and string.find(',' .. q.flags .. ',', ',repeat,', 1, true) then
    flags = flags == '' and 'repeat' or flags .. ',repeat'
  end
  if flags ~= '' then redis.call('HSET', qkey, 'flags', flags) else redis.call('HDEL', qkey, 'flags') end
  if ARGV[12] ~= '' then redis.call('HSET', qkey, 'marks', ARGV[12]) else redis.call('HDEL', qkey, 'marks') end
  audit({before = q.text, after = text})
  record({text = text, publishOriginal = publish_original or nil})
  announce(qkey, was_public)
elseif action == 'answer' then
  if not requires({pending = true, live = true, answered = true, archived = true}) then
    return fail('conflict', 'This question cannot be answered now')
  end
  set_status('answered')
  if text ~= '' then
    redis.call('HSET', qkey, 'answerText', text, 'answerAt', now)
  elseif not q.answerText then
    redis.call('HSET', qkey, 'answeredAt', now)
  end
  audit({from = q.status, text = text})
  record({text = text ~= '' and text or nil})
  announce(qkey, was_public)
elseif action == 'highlight' then
  if not requires({live = true, answered = true}) then
    return fail('conflict', 'Only live or answered questions can go on stage')
  end
  if on_stage then
    return fail('conflict', 'The question is already on stage')
  end
  audit({previous = redis.call('HGET', KEYS[1], 'stage')})
  -- a question of this session replaces an earlier session's question on stage (carry_over.lua)
  redis.call('HDEL', KEYS[1], 'carried')
  redis.call('HSET', KEYS[1], 'stage', id)
  redis.call('HSET', qkey, 'stagedAt', now)
  record({})
  record_stage(id)
  append_event(KEYS[1], KEYS[2], channel, max_len, {k = 'stage', qid = id})
elseif action == 'unhighlight' then
  if not on_stage then
    return fail('conflict', 'The question is not on stage')
  end
  audit({})
  record({})
  clear_stage()
elseif action == 'archive' then
  if not requires({live = true, answered = true}) then
    return fail('conflict', 'Only live or answered questions can be archived')
  end
  set_status('archived')
  audit({from = q.status})
  record({})
  announce(qkey, was_public)
  if on_stage then clear_stage() end
elseif action == 'restore' then
  if not requires({archived = true, rejected = true}) or q.mergedInto then
    return fail('conflict', 'Only archived (not merged) or rejected questions can be restored')
  end
  if q.answerText or q.answeredAt then set_status('answered') else set_status('live') end
  redis.call('HDEL', qkey, 'reason', 'category')
  audit({from = q.status})
  record({})
  announce(qkey, was_public)
elseif action == 'merge' then
  if into == id then
    return fail('conflict', 'A question cannot be merged into itself')
  end
  if q.mergedInto or not requires({pending = true, live = true, answered = true, archived = true}) then
    return fail('conflict', 'This question cannot be merged now')
  end
  local tkey = base .. 'q:' .. into
  local t = hash_table(tkey)
  if not t.id then
    return fail('not_found', 'No such target question')
  end
  if t.mergedInto or not ({pending = true, live = true, answered = true})[t.status] then
    return fail('conflict', 'The target question cannot take a merge')
  end
  -- a participant who voted for both counts once and keeps the earlier vote's time
  local target_votes = base .. 'vt:' .. into
  redis.call('ZUNIONSTORE', target_votes, 2, target_votes, base .. 'vt:' .. id, 'AGGREGATE', 'MIN')
  local votes = redis.call('ZCARD', target_votes)
  local version = redis.call('HINCRBY', KEYS[1], 'vv', 1)
  redis.call('HSET', tkey, 'votes', votes, 'vv', version)
  redis.call('HSET', qkey, 'status', 'archived', 'mergedInto', into, 'updatedAt', now)
  audit({from = q.status, into = into, votes = votes})
  record({into = into, votes = votes})
  announce(qkey, was_public)
  announce(tkey, public_status[t.status] == true)
  if on_stage then clear_stage() end
elseif action == 'ban' then
  if redis.call('SADD', KEYS[5], q.aid) == 0 then
    return fail('conflict', 'The author is already banned')
  end
  audit({participant = q.aid})
  record({})
  -- the question says so in its private form: the author's page disables its form, every console marks the
  -- author's questions (by their tag)
  redis.call('HSET', qkey, 'authorBanned', 'true', 'updatedAt', now)
  announce(qkey, was_public)
elseif action == 'freeze' then
  if q.frozen == 'true' then
    return fail('conflict', 'Votes on this question are already frozen')
  end
  redis.call('HSET', qkey, 'frozen', 'true', 'updatedAt', now)
  audit({votes = tonumber(q.votes or '0')})
  record({votes = tonumber(q.votes or '0')})
  announce(qkey, was_public)
elseif action == 'unfreeze' then
  if q.frozen ~= 'true' then
    return fail('conflict', 'Votes on this question are not frozen')
  end
  redis.call('HDEL', qkey, 'frozen')
  redis.call('HSET', qkey, 'updatedAt', now)
  audit({votes = tonumber(q.votes or '0')})
  record({votes = tonumber(q.votes or '0')})
  announce(qkey, was_public)
elseif action == 'withhold' then
  if not requires({live = true, answered = true, archived = true}) then
    return fail('conflict', 'Only a question that was shown (live, answered or archived) can be withheld')
  end
  if q.withheld then
    return fail('conflict', 'The text is already withheld')
  end
  redis.call('HSET', qkey, 'withheld', category, 'updatedAt', now)
  audit({category = category, reason = reason})
  record({category = category, reason = reason ~= '' and reason or nil})
  announce(qkey, was_public)
elseif action == 'unwithhold' then
  if not q.withheld then
    return fail('conflict', 'The text is not withheld')
  end
  redis.call('HDEL', qkey, 'withheld')
  redis.call('HSET', qkey, 'updatedAt', now)
  audit({category = q.withheld})
  record({})
  announce(qkey, was_public)
elseif action == 'publishName' then
  if not q.spk then
    return fail('conflict', 'Only a question a clerk entered with a name has one to publish')
  end
  if q.spkPublic == 'true' then
    return fail('conflict', 'The name is already public')
  end
  redis.call('HSET', qkey, 'spkPublic', 'true', 'updatedAt', now)
  audit({})
  record({})
  announce(qkey, was_public)
elseif action == 'publishSlip' then
  if not q.slip then
    return fail('conflict', 'The question has no photo of a paper slip')
  end
  if q.slip ~= text then
    return fail('conflict', 'The question has another photo now: look at it first')
  end
  if q.slipPublic == 'true' then
    -- published already: nothing more to chain; the caller completes its own step (the kept photo made public)
    return cjson.encode({ok = true, questionId = id})
  end
  redis.call('HSET', qkey, 'slipPublic', 'true', 'updatedAt', now)
  audit({sha256 = q.slip})
  record({sha256 = q.slip})
  announce(qkey, was_public)
else
  return fail('bad_request', 'Unknown moderation action')
end
return remember(KEYS[3], ttl, {ok = true, questionId = id})
