-- Amend updates with If-Match, round robin over many updates so that concurrent requests never race on one.
package.path = os.getenv("BENCH_SCRIPTS") .. "/?.lua;" .. package.path
local common = require("common")
local entries = common.lines(os.getenv("BENCH_OUT") .. "/amendable.txt")
-- The warm-up amends the second half of the list, the measured run the first, so each knows its updates' revisions.
local ids, revs = {}, {}
local half = math.floor(#entries / 2)
local from, to = 1, half
if os.getenv("BENCH_PHASE") == "warmup" then from, to = half + 1, #entries end
for k = from, to do
  local id, rev = entries[k]:match("(%S+) (%d+)")
  ids[#ids + 1] = id
  revs[#revs + 1] = tonumber(rev)
end
local i = 0
local body = '{"status":"complete","summary":"Amended in the benchmark","evidence":[],"confidentiality":"public"}'

local function amend(k)
  local headers = common.headers()
  headers["Content-Type"] = "application/json"
  headers["If-Match"] = '"' .. revs[k] .. '"'
  return wrk.format("PUT", "/v1/updates/" .. ids[k], headers, body)
end

-- wrk calls request() once before the run only to check what it returns, and never sends that request. Taking a
-- revision for it put the first update's If-Match one ahead for the whole run: a 412 on every visit to it.
local checked = false
request = function()
  if not checked then
    checked = true
    return amend(1)
  end
  local k = (i % #ids) + 1
  i = i + 1
  local r = amend(k)
  revs[k] = revs[k] + 1
  return r
end
setup = common.setup
response = common.count
done = common.done
