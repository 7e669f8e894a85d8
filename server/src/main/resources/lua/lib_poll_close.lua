-- Closing a poll (part of poll.lua, where a moderator closes one, and of session_status.lua, where closing the
-- session closes every poll still open; see LuaScripts.java): one way to close, so the record tells both alike.

-- Closes the open poll <base>p:<id> at now: its status and closedAt, and the record chain's pollClosed entry with its
-- final counts and answers and the text answers shown (neither hidden nor flagged), in the order of their numbers
-- (and their word cloud, words, where the poll's results carry one).
-- by is the moderator's number in the record. Answers the poll's hash as it now is.
local function close_poll(base, id, session_key, chain_key, by, now)
  local key = base .. 'p:' .. id
  redis.call('HSET', key, 'status', 'closed', 'closedAt', now)
  local h = hash_table(key)
  local texts = {}
  if h.kind == 'text' then
    local ns = redis.call('ZRANGE', base .. 'pt:' .. id, 0, -1)
    table.sort(ns, function(a, b) return tonumber(a) < tonumber(b) end)
    if #ns > 0 then
      local values = redis.call('HMGET', base .. 'px:' .. id, unpack(ns))
      for i = 1, #ns do
        texts[i] = {n = tonumber(ns[i]), text = values[i]}
      end
    end
  end
  local closed = {k = 'pollClosed', at = now, by = by, poll = id, counts = cjson.decode(h.counts),
    answers = tonumber(h.answers or '0'), texts = texts}
  if h.kind == 'text' then
    closed.words = poll_results(base, id, h).words -- the word cloud at the close, where the results carry one
  end
  append_record(session_key, chain_key, closed)
  return h
end
