-- The live round: every member of BENCH_TOKENS (live-tokens.txt) answers the open round (seq 1) once. A failed
-- answer is sent again (same requestId, at most 3 times); a thread stops when each of its members is acknowledged
-- or given up, so the run lasts from the first answer to the last acknowledgement.
package.path = os.getenv("BENCH_WRK") .. "/?.lua;" .. package.path
local common = require("common")
local contest = os.getenv("BENCH_CONTEST")
setup = common.setup

local list, pos, retry, tries, settled, byId, started
function init(args)
  list = common.load(nil, true)
  pos, retry, tries, settled, byId, started = 0, {}, {}, 0, {}, false
  common.open_log()
end

-- A request that is not an answer and not logged: while replies are outstanding, and for wrk's own first call
-- (it calls request() once on thread 0 to check the script, and never sends that one).
local function idle()
  return wrk.format("GET", "/health/live", { ["X-Bench-Id"] = "h" })
end

local function answer(i)
  local m = list[i]
  local id = common.track("aL" .. m.attempt)
  byId[id] = i
  -- The round's ticket as live/current gives it (seeded in live-tokens.txt): the answer needs no look-up.
  local ticket = m.ticket and string.format(',"ticket":"%s"', m.ticket) or ""
  local body = string.format('{"seq":1,"requestId":"%s","answer":"%s"%s}', id, (i % 4 == 0) and "B" or "A", ticket)
  return wrk.format("POST", "/api/contests/" .. contest .. "/attempts/" .. m.attempt .. "/answers",
    { ["Authorization"] = "Bearer " .. m.token, ["Content-Type"] = "application/json", ["X-Bench-Id"] = id }, body)
end

function request()
  if not started then
    started = true
    return idle()
  end
  if #retry > 0 then return answer(table.remove(retry)) end
  if pos < #list then
    pos = pos + 1
    return answer(pos)
  end
  return idle()
end

function response(status, headers, body)
  local id = common.record(status, headers)
  if id == "h" then return end
  local i = id and byId[id]
  if i then byId[id] = nil end
  if not i then
    -- A reply without the echoed id (refused before the bench middleware): settled, not retried.
    settled = settled + 1
    if settled >= #list then common.finish() end
    return
  end
  tries[i] = (tries[i] or 0) + 1
  if status ~= 200 and tries[i] < 3 then
    retry[#retry + 1] = i
  else
    settled = settled + 1
    if settled >= #list then common.finish() end
  end
end

done = common.done
