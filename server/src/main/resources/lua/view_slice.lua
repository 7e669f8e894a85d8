-- A further slice of a node's view of a session (after view.lua): the next questions by number up to a bound (a
-- node reads a few ranges of numbers at once), read as they are now, with the session's seq and epoch now and the event logged under that seq, so the node can tell, when it
-- catches up with the log, that every slice was read from the past the log holds.
-- KEYS[1] session hash, KEYS[2] question ids (zset, scored by number), KEYS[3] event log (stream)
-- ARGV[1] key base, ARGV[2] the number of the last question already read, ARGV[3] the most questions to return,
-- ARGV[4] the number of the last question of the range (inclusive)
-- Answer: {"ok":true,"seq","epoch","questions":[["<field>","<value>",...],...] (each question's hash as HGETALL
-- answers it: turning it into question_of's form in Lua cost Redis about as much again as reading it; the node
-- does that, StoredEvents.questionOfHash),"head":"<payload>" (absent when the log no longer holds it),
-- "after":<number of the last question returned, or ARGV[2] when none>,"more":<whether questions of the range follow
-- it>}
-- (an empty list may come as {}). Errors: not_found.
local s = redis.call('HMGET', KEYS[1], 'id', 'seq', 'epoch')
if not s[1] then
  return fail('not_found', 'No such session')
end
local limit = tonumber(ARGV[3])
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[2], ARGV[4], 'WITHSCORES', 'LIMIT', 0, limit + 1)
local questions = {}
local after = tonumber(ARGV[2])
for i = 1, math.min(#ids, 2 * limit), 2 do
  questions[#questions + 1] = redis.call('HGETALL', ARGV[1] .. 'q:' .. ids[i])
  after = tonumber(ids[i + 1])
end
local seq = tonumber(s[2])
local head = redis.call('XRANGE', KEYS[3], seq .. '-0', seq .. '-0')
return cjson.encode({ok = true, seq = seq, epoch = s[3], questions = questions,
  head = head[1] and head[1][2][2] or nil, after = after, more = #ids > 2 * limit})
