-- Shared by every scenario: the API key header and a one-line result wrk's caller parses.
local M = {}

function M.headers(accept)
  local h = { ["X-Api-Key"] = os.getenv("BENCH_KEY") }
  if accept and accept ~= "" then h["Accept"] = accept end
  return h
end

function M.lines(path)
  local t = {}
  for line in io.lines(path) do t[#t + 1] = line end
  return t
end

function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %.1f %.3f %.3f %d\n", summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end

return M
