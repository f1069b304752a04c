-- Board reads as the Mini Program does them: top 100 and "around me", alternately.
package.path = os.getenv("BENCH_WRK") .. "/?.lua;" .. package.path
local common = require("common")
local contest = os.getenv("BENCH_CONTEST")
local path = os.getenv("BENCH_READ_PATH") or "board"
local list, counter

function init(args)
  list = common.load()
  counter = 0
end

function request()
  counter = counter + 1
  local m = list[(counter * 7919 % #list) + 1]
  local url
  if path == "sql" then
    url = "/bench/sql-board?contestId=" .. contest .. "&memberId=" .. m.member
  elseif counter % 2 == 0 then
    url = "/api/contests/" .. contest .. "/board?top=100"
  else
    url = "/api/contests/" .. contest .. "/board/me?radius=5"
  end
  return wrk.format("GET", url, { ["Authorization"] = "Bearer " .. m.token })
end

done = common.done
