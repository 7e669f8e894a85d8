-- Which of some questions each of a few participants upvoted: the joiners' own part of their welcome (or of a
-- page), for joiners of one session arriving together, in one call.
-- KEYS[1] session hash (names the session's slot), KEYS[2] the session's event log
-- ARGV[1] key base, then per participant: participant id, n, then n question ids
-- Answer: {"ok":true,"seq","voted":[["<qid>",...],...],"counts":{"<qid>":[votes,version]}}: the session's seq now
-- (a joiner is welcomed from a view that has reached it, so it sees what it just did), the voted ids in the order
-- of the participants (an empty list may come as {}), and the current count of every question asked about, so a
-- joiner sees its own vote counted even before the coalesced counts reach the node; "head": the logged event
-- under that seq (absent when trimmed), so a node can tell that the past it holds was rewritten (a failover lost
-- events and new ones reuse their seqs) before it welcomes anyone from it.
local voted = {}
local counts = {}
local i = 2
while i <= #ARGV do
  local pid = ARGV[i]
  local n = tonumber(ARGV[i + 1])
  local mine = {}
  for j = i + 2, i + 1 + n do
    if redis.call('ZSCORE', ARGV[1] .. 'vt:' .. ARGV[j], pid) then
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
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
local head = redis.call('XRANGE', KEYS[2], seq .. '-0', seq .. '-0')
local answer = {ok = true, seq = seq, voted = voted, counts = counts}
if head[1] then
  answer.head = head[1][2][2]
end
return cjson.encode(answer)
