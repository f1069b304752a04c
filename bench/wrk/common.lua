-- Shared by the wrk scripts (docs/perf.md). tokens files: "<token> <attemptId> <memberId>" per line, live-tokens.txt
-- with a fourth column: the ticket of the live round's question for that member (the answer's "ticket" field).
-- Every request carries X-Bench-Id (for an answer: its requestId); Learn.Api echoes it (Bench:Enabled), so each
-- response can be logged as "kind id status sentEpochMs latencyUs" to BENCH_LOG.<thread>.log, the per-answer books'
-- source (bench/Learn.Bench/WrkLogs.cs). wrk's Lua sees responses, not connections: the echo is what ties them.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } bench_timeval;
  int gettimeofday(bench_timeval *tv, void *tz);
  int getpid(void);
  int kill(int pid, int sig);
]]
local tv = ffi.new("bench_timeval")
local M = {}

function M.now_us()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end

local threads = 0
-- Numbers the threads (setup runs in the main state); each thread reads tid from its globals.
function M.setup(thread)
  thread:set("tid", threads)
  thread:set("nthreads", tonumber(os.getenv("BENCH_THREADS") or "2"))
  threads = threads + 1
end

-- This thread's share of a tokens file (every nthreads-th line), or all of it.
function M.load(file, share)
  local list, n = {}, 0
  for line in io.lines(file or os.getenv("BENCH_TOKENS")) do
    if not share or n % nthreads == tid then
      local token, attempt, member, ticket = line:match("^(%S+) (%S+) (%S+) ?(%S*)")
      list[#list + 1] = { token = token, attempt = attempt, member = member, ticket = ticket ~= "" and ticket or nil }
    end
    n = n + 1
  end
  return list
end

local log, sent, counter = nil, {}, 0
function M.open_log()
  local name = os.getenv("BENCH_LOG")
  if name then
    log = io.open(name .. "." .. tid .. ".log", "w")
    log:setvbuf("full", 65536)
  end
end

-- Remembers when request id was sent (an answer sent again keeps its id).
function M.track(id)
  sent[id] = M.now_us()
  return id
end

-- A fresh id: kind letter, scenario tag, thread, counter ("aT1-42").
function M.id(kind)
  counter = counter + 1
  return M.track(kind .. (os.getenv("BENCH_TAG") or "x") .. tid .. "-" .. counter)
end

-- Logs a response; returns its id (nil when the server did not echo one).
function M.record(status, headers)
  local id = headers["X-Bench-Id"] or headers["x-bench-id"]
  if id and sent[id] then
    local now = M.now_us()
    if log then
      log:write(string.format("%s %s %d %d %d\n", id:sub(1, 1), id, status, math.floor(sent[id] / 1000), now - sent[id]))
    end
    sent[id] = nil
  end
  return id
end

-- A thread whose work is done: wrk's main thread sleeps for the whole -d whatever the threads do, so the last
-- thread to finish (each leaves a .done file first) interrupts it with SIGINT, as Ctrl-C would.
function M.finish()
  local name = os.getenv("BENCH_LOG") or "wrk"
  io.open(name .. "." .. tid .. ".done", "w"):close()
  wrk.thread:stop()
  for t = 0, nthreads - 1 do
    local f = io.open(name .. "." .. t .. ".done", "r")
    if not f then return end
    f:close()
  end
  if log then log:flush() end
  ffi.C.kill(ffi.C.getpid(), 2)
end

-- One line the shell script parses: requests, non-2xx + socket errors, requests/s, p99 ms, timeouts.
function M.done(summary, latency)
  local failures = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("WRKSTAT %d %d %.1f %.2f %d\n", summary.requests, failures,
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, summary.errors.timeout))
end

return M
