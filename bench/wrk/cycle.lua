-- The timed-paper cycle as the Mini Program does it. BENCH_CYCLE: "get" (default; issue 13's scenario a): GET the current
-- question — which issues it — then POST its answer; "straight": a paper answered straight through (ADR 0311): each answer
-- asks for the next question ("next":true), which the reply carries, and the member answers it on their next turn (a GET
-- only when a reply carried none). Members take turns in both, so each answers about once per round of all of them.
-- Each thread takes its share of the active members in turn; a GET's reply (attempt id, current seq and, if the
-- server issues one, the question's ticket) queues that member's answer, which goes out on the next request.
package.path = os.getenv("BENCH_WRK") .. "/?.lua;" .. package.path
local common = require("common")
local contest = os.getenv("BENCH_CONTEST")
local straight = os.getenv("BENCH_CYCLE") == "straight"
setup = common.setup

local list, byAttempt, ready, busy, answering, pending, next_member
function init(args)
  list = common.load(nil, true)
  -- BENCH_CYCLE_MEMBERS: only the first N members take turns (straight through: each answers every few seconds, as a
  -- person does, and stays under the per-member rate limit), shared between the threads.
  local limit = tonumber(os.getenv("BENCH_CYCLE_MEMBERS") or "0")
  if limit > 0 then
    for i = #list, math.floor(limit / nthreads) + 1, -1 do list[i] = nil end
  end
  byAttempt, ready, busy, answering, pending, next_member = {}, {}, {}, {}, {}, 0
  for _, m in ipairs(list) do byAttempt[m.attempt] = m end
  common.open_log()
end

local function answer(item)
  local id = common.id("a")
  answering[id] = item.m.attempt
  local ticket = item.ticket and string.format(',"ticket":"%s"', item.ticket) or ""
  local body = string.format('{"seq":%s,"requestId":"%s","answer":"%s"%s%s}', item.seq, id, (tonumber(item.seq) % 4 == 0) and "B" or "A", ticket,
    straight and ',"next":true' or "")
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
  local held = pending[m.attempt]
  if held then
    pending[m.attempt] = nil
    return answer(held)
  end
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
    local attempt = answering[id]
    answering[id] = nil
    local seq = straight and status == 200 and body:match('"next":{"seq":(%d+)')
    if seq then
      -- Straight through: the member answers the reply's next question on their next turn, without a GET.
      pending[attempt] = { m = byAttempt[attempt], seq = seq, ticket = body:match('"next":{.*"ticket":"([^"]+)"') }
    end
    busy[attempt] = nil -- the answer's reply ends this member's turn
  end
end

done = common.done
