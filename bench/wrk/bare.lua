-- The ceiling: a JSON POST that does nothing but bind and answer.
package.path = os.getenv("BENCH_WRK") .. "/?.lua;" .. package.path
local common = require("common")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"n":41,"text":"党史知识竞答"}'
done = common.done
