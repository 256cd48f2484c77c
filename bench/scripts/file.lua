-- File new updates (durable, authorised, validated, audited): each request a new participant x commitment x cycle.
package.path = os.getenv("BENCH_SCRIPTS") .. "/?.lua;" .. package.path
local common = require("common")
local headers = common.headers()
headers["Content-Type"] = "application/json"
local participants = common.lines(os.getenv("BENCH_OUT") .. "/participants.txt")
local commitments = common.lines(os.getenv("BENCH_OUT") .. "/commitments.txt")
-- The warm-up files into the last write cycle; the measured run starts at the first, so no obligation is filed twice.
local i = 0
if os.getenv("BENCH_PHASE") == "warmup" then i = 9 * #participants * #commitments end
request = function()
  local per_cycle = #participants * #commitments
  local cycle = math.floor(i / per_cycle)
  local within = i % per_cycle
  local p = participants[math.floor(within / #commitments) + 1]
  local c = commitments[(within % #commitments) + 1]
  i = i + 1
  local body = string.format('{"participantId":"%s","commitmentId":"%s","cycleId":"bench-w%d","status":"substantial",'
    .. '"summary":"Benchmark filing","evidence":[{"url":"https://example.org/e","title":"E"}],"confidentiality":"public","submit":true}',
    p, c, cycle)
  return wrk.format("POST", "/v1/updates", headers, body)
end
setup = common.setup
response = common.count
done = common.done
