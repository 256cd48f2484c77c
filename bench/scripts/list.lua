-- Page through one cycle's updates, 50 at a time, following the next cursor; start again after the last page.
package.path = os.getenv("BENCH_SCRIPTS") .. "/?.lua;" .. package.path
local common = require("common")
local headers = common.headers()
local cursor = nil
request = function()
  local path = "/v1/updates?cycle=bench-0&limit=50"
  if cursor then path = path .. "&cursor=" .. cursor end
  return wrk.format("GET", path, headers)
end
response = function(status, hdrs, body)
  cursor = body:match('"next":"([^"]+)"')
end
done = common.done
