-- Which of some questions each of a few participants upvoted: the joiners' own part of their welcome (or of a
-- page), for joiners of one session arriving together, in one call.
-- KEYS[1] session hash (names the session's slot)
-- ARGV[1] key base, then per participant: participant id, n, then n question ids
-- Answer: {"ok":true,"seq","voted":[["<qid>",...],...],"counts":{"<qid>":[votes,version]}}: the session's seq now
-- (a joiner is welcomed from a view that has reached it, so it sees what it just did), the voted ids in the order
-- of the participants (an empty list may come as {}), and the current count of every question asked about, so a
-- joiner sees its own vote counted even before the coalesced counts reach the node.
local voted = {}
local counts = {}
local i = 2
while i <= #ARGV do
  local pid = ARGV[i]
  local n = tonumber(ARGV[i + 1])
  local mine = {}
  for j = i + 2, i + 1 + n do
    if redis.call('SISMEMBER', ARGV[1] .. 'voters:' .. ARGV[j], pid) == 1 then
      mine[#mine + 1] = ARGV[j]
    end
    if not counts[ARGV[j]] then
      local v = redis.call('HMGET', ARGV[1] .. 'q:' .. ARGV[j], 'votes', 'vv')
      if v[1] then
        counts[ARGV[j]] = {tonumber(v[1]), tonumber(v[2] or '0')}
      end
    end
  end
  voted[#voted + 1] = mine
  i = i + 2 + n
end
return cjson.encode({ok = true, seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0'), voted = voted,
  counts = counts})
