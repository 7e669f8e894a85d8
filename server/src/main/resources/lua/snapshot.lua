-- Everything a participant may see of a session, read at one instant.
-- KEYS[1] session hash, KEYS[2] question ids (zset), KEYS[3] presence hash
-- ARGV[1] key base, ARGV[2] participant id, ARGV[3] role (resident|moderator)
-- Answer: {"ok":true,"session","seq","epoch","stage","presence","questions":[{...,"voted","mine"}]}
-- (an empty questions list may come as {}). Errors: not_found.
local s = hash_table(KEYS[1])
if not s.id then
  return fail('not_found', 'No such session')
end
local moderator = ARGV[3] == 'moderator'
local questions = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local q = question_of(hash_table(ARGV[1] .. 'q:' .. id))
  local mine = q.aid == ARGV[2]
  if moderator or mine or public_status[q.status] then
    q.voted = redis.call('SISMEMBER', ARGV[1] .. 'voters:' .. id, ARGV[2]) == 1
    q.mine = mine
    questions[#questions + 1] = q
  end
end
return cjson.encode({ok = true, session = session_of(s), seq = tonumber(s.seq), epoch = s.epoch,
  stage = s.stage, presence = presence_total(KEYS[3], now_ms()), questions = questions})
