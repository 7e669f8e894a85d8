-- The start of a node's view of a session, read in slices so that no call grows with the session: the session,
-- its seq, epoch, stage, presence and vote version at one instant, the last events of its log (so the node can
-- serve resumes from memory from the start), the event logged under that seq, the first questions by number and the
-- number of the last one.
-- The node reads the others with view_slice.lua and then the log after this seq (see delivery.ViewRead).
-- KEYS[1] session hash, KEYS[2] question ids (zset, scored by number), KEYS[3] presence hash, KEYS[4] event log
-- (stream)
-- ARGV[1] key base, ARGV[2] how many of the newest events to return, ARGV[3] the most questions to return
-- Answer: {"ok":true,"session","seq","epoch","stage","presence","vv","questions":[["<field>","<value>",...],...]
-- (each question's hash as HGETALL answers it, as in view_slice.lua),"events":["<payload>",...],
-- "head":"<payload of the event numbered seq>" (absent when the log no longer holds it),
-- "after":<number of the last question returned>,"more":<whether questions follow it>,
-- "last":<number of the session's last question, 0 when none>,"polls":[{poll with its results}]}
-- (empty lists may come as {}). Errors: not_found.
local s = hash_table(KEYS[1])
if not s.id then
  return fail('not_found', 'No such session')
end
local limit = tonumber(ARGV[3])
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '+inf', 'WITHSCORES', 'LIMIT', 0, limit + 1)
local questions = {}
local after = 0
for i = 1, math.min(#ids, 2 * limit), 2 do
  questions[#questions + 1] = redis.call('HGETALL', ARGV[1] .. 'q:' .. ids[i])
  after = tonumber(ids[i + 1])
end
local events = {}
local n = tonumber(ARGV[2])
if n > 0 then
  local newest = redis.call('XREVRANGE', KEYS[4], '+', '-', 'COUNT', n)
  for i = #newest, 1, -1 do
    events[#events + 1] = newest[i][2][2]
  end
end
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
local seq = tonumber(s.seq)
local head = redis.call('XRANGE', KEYS[4], seq .. '-0', seq .. '-0')
return cjson.encode({ok = true, session = session_of(s), seq = seq, epoch = s.epoch, stage = s.stage,
  presence = presence_total(KEYS[3], now_ms()), vv = tonumber(s.vv or '0'), questions = questions, events = events,
  head = head[1] and head[1][2][2] or nil, after = after, more = #ids > 2 * limit,
  last = last[2] and tonumber(last[2]) or 0, polls = polls_of(ARGV[1])})
