-- Shared by the wrk scripts: bearer tokens of the active bench members and a JSON summary line.
-- tokens.txt lines: "<token> <attemptId> <memberId>".
local M = {}

function M.load()
  local list = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    local token, attempt, member = line:match("(%S+) (%S+) (%S+)")
    list[#list + 1] = { token = token, attempt = attempt, member = member }
  end
  return list
end

-- One line the shell script parses: requests, non-2xx, requests/s, p99 ms.
function M.done(summary, latency)
  local failures = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("WRKSTAT %d %d %.1f %.2f\n", summary.requests, failures,
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000))
end

return M
