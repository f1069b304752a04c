-- Board reads as the Mini Program and the big screen do them: top 100, "around me" and the rolled-up organisation
-- board in turn (BENCH_READ_PATH=sql: the plain-SQL board of bench_totals instead).
package.path = os.getenv("BENCH_WRK") .. "/?.lua;" .. package.path
local common = require("common")
local contest = os.getenv("BENCH_CONTEST")
local path = os.getenv("BENCH_READ_PATH") or "board"
setup = common.setup

local list, counter
function init(args)
  list = common.load()
  counter = 0
  common.open_log()
end

function request()
  counter = counter + 1
  local m = list[(counter * 7919 % #list) + 1]
  local url, kind
  if path == "sql" then
    url, kind = "/bench/sql-board?contestId=" .. contest .. "&memberId=" .. m.member, "s"
  elseif counter % 3 == 0 then
    url, kind = "/api/contests/" .. contest .. "/board?top=100", "t"
  elseif counter % 3 == 1 then
    url, kind = "/api/contests/" .. contest .. "/board/me?radius=5", "m"
  else
    url, kind = "/api/contests/" .. contest .. "/board/orgs", "o"
  end
  return wrk.format("GET", url, { ["Authorization"] = "Bearer " .. m.token, ["X-Bench-Id"] = common.id(kind) })
end

function response(status, headers, body)
  common.record(status, headers)
end

done = common.done
