-- Takes a token from a bucket, or only checks that one is there.
-- KEYS[1] the bucket (a string, see lib_bucket.lua)
-- ARGV[1] burst, ARGV[2] refill per minute, ARGV[3] 'take' or 'check'
-- Answer: {"ok":true}; err rate_limited with retryAfterMs when the bucket is empty.
local wait = bucket_wait(KEYS[1], ARGV[1], ARGV[2], now_ms(), ARGV[3] == 'take')
if wait > 0 then
  return fail_after('rate_limited', 'Too many requests; try again later', wait)
end
return cjson.encode({ok = true})
