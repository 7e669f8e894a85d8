-- A node's view of a session: everything anyone may see of it, read at one instant, with the last events of its
-- log (so the node can serve resumes from memory from the start). One read per node and session, not per joiner.
-- KEYS[1] session hash, KEYS[2] question ids (zset), KEYS[3] presence hash, KEYS[4] event log (stream)
-- ARGV[1] key base, ARGV[2] how many of the newest events to return
-- Answer: {"ok":true,"session","seq","epoch","stage","presence","vv","questions":[{...}],"events":["<payload>",...]}
-- (empty lists may come as {}). Errors: not_found.
local s = hash_table(KEYS[1])
if not s.id then
  return fail('not_found', 'No such session')
end
local questions = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  questions[#questions + 1] = question_of(hash_table(ARGV[1] .. 'q:' .. id))
end
local events = {}
local n = tonumber(ARGV[2])
if n > 0 then
  local newest = redis.call('XREVRANGE', KEYS[4], '+', '-', 'COUNT', n)
  for i = #newest, 1, -1 do
    events[#events + 1] = newest[i][2][2]
  end
end
return cjson.encode({ok = true, session = session_of(s), seq = tonumber(s.seq), epoch = s.epoch, stage = s.stage,
  presence = presence_total(KEYS[3], now_ms()), vv = tonumber(s.vv or '0'), questions = questions, events = events})
