-- Shared by every scenario: the API key header (none when BENCH_KEY is empty), a count of refusals by status, and a
-- one-line result wrk's caller parses.
local M = {}
local threads = {}

function M.headers(accept)
  local h = {}
  local key = os.getenv("BENCH_KEY")
  if key and key ~= "" then h["X-Api-Key"] = key end
  if accept and accept ~= "" then h["Accept"] = accept end
  return h
end

function M.lines(path)
  local t = {}
  for line in io.lines(path) do t[#t + 1] = line end
  return t
end

-- wrk runs each thread's script in its own Lua state: setup keeps the threads so done can read their counts.
function M.setup(thread)
  threads[#threads + 1] = thread
end

refusals = {}
function M.count(status)
  if status >= 400 then refusals[status] = (refusals[status] or 0) + 1 end
end

function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local by_status = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("refusals") or {}
    for status, n in pairs(counted) do by_status[#by_status + 1] = status .. "=" .. n end
  end
  io.write(string.format("RESULT %d %.1f %.3f %.3f %d %s\n", summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, table.concat(by_status, ",")))
end

return M
