-- The live round: every member of BENCH_TOKENS (live-tokens.txt) answers the open round (seq 1) once. A failed
-- answer is sent again (same requestId, at most 3 times); a thread stops when each of its members is acknowledged
-- or given up, so the run lasts from the first answer to the last acknowledgement.
package.path = os.getenv("BENCH_WRK") .. "/?.lua;" .. package.path
local common = require("common")
local contest = os.getenv("BENCH_CONTEST")
setup = common.setup

local list, pos, retry, tries, settled, byId
function init(args)
  list = common.load(nil, true)
  pos, retry, tries, settled, byId = 0, {}, {}, 0, {}
  common.open_log()
end

local function answer(i)
  local m = list[i]
  local id = common.track("aL" .. m.attempt)
  byId[id] = i
  local body = string.format('{"seq":1,"requestId":"%s","answer":"%s"}', id, (i % 4 == 0) and "B" or "A")
  return wrk.format("POST", "/api/contests/" .. contest .. "/attempts/" .. m.attempt .. "/answers",
    { ["Authorization"] = "Bearer " .. m.token, ["Content-Type"] = "application/json", ["X-Bench-Id"] = id }, body)
end

function request()
  if #retry > 0 then return answer(table.remove(retry)) end
  if pos < #list then
    pos = pos + 1
    return answer(pos)
  end
  -- Everything sent, replies outstanding: an idle request that is not logged.
  return wrk.format("GET", "/health/live")
end

function response(status, headers, body)
  local id = common.record(status, headers)
  local i = id and byId[id]
  if not i then return end
  byId[id] = nil
  tries[i] = (tries[i] or 0) + 1
  if status ~= 200 and tries[i] < 3 then
    retry[#retry + 1] = i
  else
    settled = settled + 1
    if settled >= #list then wrk.thread:stop() end
  end
end

done = common.done
