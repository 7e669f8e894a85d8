-- What a session's record is made of, read at one instant: the whole record chain, the current vote counts, when
-- each resident identity joined (never its address hash) and when each standing upvote was cast (those of a merged
-- question once, on the question it was merged into).
-- KEYS[1] session hash, KEYS[2] record chain (stream), KEYS[3] question ids (zset), KEYS[4] identities (hash)
-- ARGV[1] key base, ARGV[2] '1' to answer only if the record is published ('0': moderators, any time)
-- Answer: {"ok":true,"session":{...},"links":[["<n>","<entry>","<hash>"(,"<private part>")],...],"votes":{"<qid>":n},
-- "joins":[ms,...],"voteTimes":[ms,...]} (empty lists may come as {}), or {"ok":true,"withheld":true} when
-- ARGV[2] is '1' and the record is not published. Errors: not_found.
local s = hash_table(KEYS[1])
if not s.id then
  return fail('not_found', 'No such session')
end
if ARGV[2] == '1' and not s.publishedAt then
  return cjson.encode({ok = true, withheld = true})
end
local links = {}
for i, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+')) do
  local fields = entry[2]
  local e, h, p
  for j = 1, #fields, 2 do
    if fields[j] == 'e' then e = fields[j + 1] elseif fields[j] == 'h' then h = fields[j + 1]
    elseif fields[j] == 'p' then p = fields[j + 1] end
  end
  links[i] = {string.match(entry[1], '^(%d+)'), e, h, p}
end
local votes = {}
local vote_times = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  local q = redis.call('HMGET', ARGV[1] .. 'q:' .. id, 'votes', 'mergedInto')
  votes[id] = tonumber(q[1] or '0')
  -- a merged question's upvotes were united into its target's: counted there, once
  if not q[2] then
    local times = redis.call('ZRANGE', ARGV[1] .. 'vt:' .. id, 0, -1, 'WITHSCORES')
    for j = 2, #times, 2 do
      vote_times[#vote_times + 1] = tonumber(times[j])
    end
  end
end
local joins = {}
for _, value in ipairs(redis.call('HVALS', KEYS[4])) do
  joins[#joins + 1] = tonumber(string.match(value, '^(%d+)'))
end
return cjson.encode({ok = true, session = session_of(s), links = links, votes = votes, joins = joins,
  voteTimes = vote_times})
