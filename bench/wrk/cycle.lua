-- The timed-paper cycle as the Mini Program does it: GET the current question, then POST its answer. The answer asks for the
-- next question ("next":true, a paper answered straight through; ADR 0311), so it is issued in the answer's write and the GET
-- that follows only reads it.
-- Each thread takes its share of the active members in turn; a GET's reply (attempt id, current seq and, if the
-- server issues one, the question's ticket) queues that member's answer, which goes out on the next request.
package.path = os.getenv("BENCH_WRK") .. "/?.lua;" .. package.path
local common = require("common")
local contest = os.getenv("BENCH_CONTEST")
setup = common.setup

local list, byAttempt, ready, busy, answering, next_member
function init(args)
  list = common.load(nil, true)
  byAttempt, ready, busy, answering, next_member = {}, {}, {}, {}, 0
  for _, m in ipairs(list) do byAttempt[m.attempt] = m end
  common.open_log()
end

local function answer(item)
  local id = common.id("a")
  answering[id] = item.m.attempt
  local ticket = item.ticket and string.format(',"ticket":"%s"', item.ticket) or ""
  local body = string.format('{"seq":%s,"requestId":"%s","answer":"%s"%s,"next":true}', item.seq, id, (tonumber(item.seq) % 4 == 0) and "B" or "A", ticket)
  return wrk.format("POST", "/api/contests/" .. contest .. "/attempts/" .. item.m.attempt .. "/answers",
    { ["Authorization"] = "Bearer " .. item.m.token, ["Content-Type"] = "application/json", ["X-Bench-Id"] = id }, body)
end

function request()
  if #ready > 0 then return answer(table.remove(ready)) end
  local m
  for _ = 1, #list do
    next_member = next_member % #list + 1
    m = list[next_member]
    if not busy[m.attempt] then break end
  end
  busy[m.attempt] = true
  return wrk.format("GET", "/api/contests/" .. contest .. "/attempts/current",
    { ["Authorization"] = "Bearer " .. m.token, ["X-Bench-Id"] = common.id("g") })
end

function response(status, headers, body)
  local id = common.record(status, headers)
  if not id then return end
  local kind = id:sub(1, 1)
  if kind == "g" then
    local attempt = body:match('"attemptId":(%d+)')
    local seq = body:match('"current":{"seq":(%d+)')
    local m = attempt and byAttempt[attempt]
    if m and seq and status == 200 then
      ready[#ready + 1] = { m = m, seq = seq, ticket = body:match('"ticket":"([^"]+)"') }
    elseif m then
      busy[m.attempt] = nil
    end
  elseif kind == "a" and answering[id] then
    busy[answering[id]] = nil -- the answer's reply ends this member's cycle
    answering[id] = nil
  end
end

done = common.done
