-- A question gets its topic and area (issue 17): a moderator confirms or changes them (`moderate` `classify`), or
-- the asker picks a topic when asking. Any session status: classifying changes the record's summary, not the
-- dialogue, so a ward may classify after the close while Redis holds the session. The keys are checked by the
-- caller against the session's lists; '' is none. A moderator's classification is chained even when it repeats the
-- question's (it confirms a suggestion or the asker's pick).
-- KEYS[1] session hash, KEYS[2] event log, KEYS[3] the ref's key, KEYS[4] audit stream, KEYS[5] record chain,
-- KEYS[6] moderators (hash: participant id -> pseudonym number)
-- ARGV[1] key base, ARGV[2] who (a moderator's participant id or 'organizer'; the asker's id), ARGV[3] question id,
-- ARGV[4] topic key ('' none), ARGV[5] area key ('' none), ARGV[6] ref ttl ms, ARGV[7] event log length,
-- ARGV[8] channel, ARGV[9] '1' when the asker classifies their own question as they ask it
-- Record entry: {"k":"classified","q","topic","area","by"} (by: the moderator's pseudonym number), or with
-- "asker":true instead of by; topic or area absent: none.
-- Answer: {"ok":true,"questionId"}; a repeated ref answers the first answer with "duplicate":true.
-- Errors: not_found (no session, no question), forbidden (the asker's pick on another's question).
local done = redis.call('GET', KEYS[3])
if done then
  return repeat_answer(done)
end
if not redis.call('HGET', KEYS[1], 'status') then
  return fail('not_found', 'No such session')
end
local base, who, id = ARGV[1], ARGV[2], ARGV[3]
local qkey = base .. 'q:' .. id
local q = hash_table(qkey)
if not q.id then
  return fail('not_found', 'No such question')
end
local asker = ARGV[9] == '1'
if asker and q.aid ~= who then
  return fail('forbidden', 'Only the asker picks the topic of their question')
end
local now = now_ms()
local topic = ARGV[4] ~= '' and ARGV[4] or nil
local area = ARGV[5] ~= '' and ARGV[5] or nil
local entry = {k = 'classified', at = now, q = id, topic = topic, area = area}
if asker then
  entry.asker = true
else
  entry.by = moderator_number(KEYS[1], KEYS[6], who)
end
append_record(KEYS[1], KEYS[5], entry)
if topic then redis.call('HSET', qkey, 'topic', topic) else redis.call('HDEL', qkey, 'topic') end
if area then redis.call('HSET', qkey, 'areaKey', area) else redis.call('HDEL', qkey, 'areaKey') end
redis.call('HSET', qkey, 'updatedAt', now)
redis.call('XADD', KEYS[4], '*', 'at', now, 'by', who, 'action', 'classify', 'question', id,
  'details', cjson.encode({topic = topic, area = area, asker = asker}))
append_event(KEYS[1], KEYS[2], ARGV[8], ARGV[7],
  {k = 'question', q = question_of(hash_table(qkey)), pub = public_status[q.status] == true})
return remember(KEYS[3], ARGV[6], {ok = true, questionId = id})
