-- Real answer submission: a distinct (member, question) per request, spread so one member is hit
-- only every #tokens requests (the per-member rate limit never trips). BENCH_OFFSET keeps runs apart.
package.path = os.getenv("BENCH_WRK") .. "/?.lua;" .. package.path
local common = require("common")
local contest = os.getenv("BENCH_CONTEST")
local offset = tonumber(os.getenv("BENCH_OFFSET") or "0")
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local list, counter
function init(args)
  list = common.load()
  counter = 0
end

function request()
  local n = tonumber(os.getenv("BENCH_THREADS"))
  local i = offset + counter * n + tid
  counter = counter + 1
  local m = list[(i % #list) + 1]
  local seq = math.floor(i / #list) + 1
  local body = string.format('{"seq":%d,"requestId":"b%d","answer":"%s"}', seq, i, (i % 4 == 0) and "B" or "A")
  return wrk.format("POST", "/api/contests/" .. contest .. "/attempts/" .. m.attempt .. "/answers",
    { ["Authorization"] = "Bearer " .. m.token, ["Content-Type"] = "application/json" }, body)
end

done = common.done
