#!/usr/bin/env bash
# ./learn.sh bench: the contest benchmark (docs/perf.md). Throw-away PostgreSQL + redis-server with production
# durability (scripts/test-services.sh, LEARN_SERVICES_DURABLE=1), one timed contest with BENCH_PARTICIPANTS
# (default 1,000,000) on the board and one live contest whose open round BENCH_LIVE members (default 260,000) answer.
# Then wrk against Learn.Api: bare JSON POST before and after, the timed-paper cycle, reads while answers are written,
# the plain-SQL baseline, the live round, and Redis restarted empty mid-load; per-answer books at the end, CPU per
# process from /proc around each scenario. Prints a table, then one JSON line.
# `./learn.sh bench campaign` runs the notification campaign benchmark instead (scripts/bench-campaign.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = campaign ]; then shift; exec "$root/scripts/bench-campaign.sh" "$@"; fi
cd "$root"
started=$(date +%s)
participants="${BENCH_PARTICIPANTS:-1000000}"
active="${BENCH_ACTIVE:-20000}"
live="${BENCH_LIVE:-260000}"
history="${BENCH_HISTORY:-20000}" # members with a finished 50-question paper in last month's contest (1M answers of history)
[ "$live" -le "$participants" ] || live=$participants
duration="${BENCH_SECONDS:-15}"
outage="${BENCH_OUTAGE_SECONDS:-8}"
threads=2
conns="${BENCH_CONNECTIONS:-64}"
out="$root/artifacts/bench"; logs="$out/log"
rm -rf "$logs"; mkdir -p "$out" "$logs"
log() { echo "▶ $*" >&2; }

if ! command -v wrk >/dev/null; then
  log "apt-get install wrk"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

LEARN_SERVICES_DURABLE=1 LEARN_SERVICES_CLUSTER=0 LEARN_SERVICES_PGSS="${BENCH_PGSS:-0}" "$root/scripts/test-services.sh" start >&2
api_pid=""
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; "$root/scripts/test-services.sh" stop; }
trap cleanup EXIT
# shellcheck disable=SC1091
source "$root/.test-run/env"

log "编译 Learn.Api 与 Learn.Bench（Release）"
dotnet build "$root/src/Learn.Api" -c Release -v q -nologo -clp:ErrorsOnly >&2
dotnet build "$root/bench/Learn.Bench" -c Release -v q -nologo -clp:ErrorsOnly >&2
bench_dll="$root/bench/Learn.Bench/bin/Release/net10.0/Learn.Bench.dll"

psql_cs="${LEARN_TEST_POSTGRES/Database=postgres/Database=learn_bench}"
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$LEARN_TEST_POSTGRES")
psql -h 127.0.0.1 -p "$pg_port" -U learn -d postgres -qc "CREATE DATABASE learn_bench" >&2
# BENCH_PGSS=1 (diagnostic; its own overhead moves the figures): PostgreSQL's time per statement, per scenario, in
# artifacts/bench/pgss-<scenario>.txt (pg_stat_statements, reset before the scenario), and the server log with
# auto_explain's sampled slow plans in pglog-<scenario>.txt.
pgss() { # reset | dump NAME
  [ "${BENCH_PGSS:-0}" = 1 ] || return 0
  if [ "$1" = reset ]; then psql -h 127.0.0.1 -p "$pg_port" -U learn -d learn_bench -qAtc "SELECT pg_stat_statements_reset()" >/dev/null; return; fi
  psql -h 127.0.0.1 -p "$pg_port" -U learn -d learn_bench -c "SELECT calls, round(total_exec_time::numeric, 0) AS total_ms,
      round((total_exec_time / calls * 1000)::numeric, 0) AS us_per_call, round(shared_blks_hit::numeric / calls, 1) AS hits_per_call,
      round(wal_bytes::numeric / calls, 0) AS wal_bytes_per_call, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
    FROM pg_stat_statements WHERE calls > 0 ORDER BY total_exec_time DESC LIMIT 15" >"$out/pgss-$2.txt"
  cp "$LEARN_TEST_PGDIR/log" "$out/pglog-$2.txt" 2>/dev/null || true # auto_explain's sampled plans so far
}
[ "${BENCH_PGSS:-0}" = 1 ] && psql -h 127.0.0.1 -p "$pg_port" -U learn -d learn_bench -qc "CREATE EXTENSION pg_stat_statements" >&2
# durable: true only when the servers really run as production would (issue 13 §1.1).
pg_settings=$(psql -h 127.0.0.1 -p "$pg_port" -U learn -d postgres -Atc "SELECT string_agg(setting, ',' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes')")
redis_settings=$(redis-cli -p "$LEARN_TEST_REDISPORT" config get append* | paste -sd, -)
durable=false
[ "$pg_settings" = "on,on,on" ] && [[ "$redis_settings" == *"appendfsync,everysec"* ]] && [[ "$redis_settings" == *"appendonly,yes"* ]] && durable=true
log "durable=$durable (PostgreSQL fsync,full_page_writes,synchronous_commit=$pg_settings; redis $redis_settings)"

export Database__Provider=Postgres ConnectionStrings__Learn="$psql_cs;Maximum Pool Size=40" ConnectionStrings__Redis="$LEARN_TEST_REDIS"
export Redis__KeyPrefix="bench:" Security__PersonalDataKey="$(head -c 32 /dev/urandom | base64 -w0)"
export Auth__SigningKey="$(head -c 32 /dev/urandom | base64 -w0)" Auth__AccessTokenMinutes=120
export Logging__LogLevel__Default=Warning Bench__Enabled=true ASPNETCORE_ENVIRONMENT=Production
# Placeholder WeChat apps (required settings; the bench never reaches WeChat).
# shellcheck disable=SC1091
LEARN_REAL_WECHAT=1 source "$root/scripts/demo.env" # not the simulator: it is for the SQLite default only
api="$root/src/Learn.Api/bin/Release/net10.0/Learn.Api.dll"
dotnet "$api" migrate >"$out/migrate.log" 2>&1 || { cat "$out/migrate.log" >&2; exit 1; }
# The tables every stored answer updates (its attempt, its entry, the next question it issues).
answer_tables="contest_attempts contest_entries attempt_questions"
answer_tables_sql="'${answer_tables// /\', \'}'"
# BENCH_FILLFACTOR=N (an experiment, ADR 0312): those tables leave 100 - N % of each page free for HOT updates.
if [ -n "${BENCH_FILLFACTOR:-}" ]; then
  for t in $answer_tables; do
    psql -h 127.0.0.1 -p "$pg_port" -U learn -d learn_bench -qc "ALTER TABLE $t SET (fillfactor = ${BENCH_FILLFACTOR})" >&2
  done
fi

log "写入 $participants 名参赛者与 $live 名直播参赛者（COPY）"
t0=$(date +%s)
BENCH_PG="$psql_cs" BENCH_PARTICIPANTS="$participants" BENCH_ACTIVE="$active" BENCH_LIVE="$live" BENCH_HISTORY="$history" BENCH_OUT="$out" \
  dotnet "$bench_dll" seed >"$out/seed.txt"
contest=$(sed -n 's/^CONTEST=//p' "$out/seed.txt"); live_contest=$(sed -n 's/^LIVE_CONTEST=//p' "$out/seed.txt")
seed_s=$(( $(date +%s) - t0 ))
# A freshly COPYed table has no visibility map or hint bits and autovacuum would process it during the first
# scenario, billing seconds of PostgreSQL CPU to the answers. A running system's tables are vacuumed: start from that.
log "VACUUM (ANALYZE) + CHECKPOINT（稳定状态，如同运行中的系统）"
t0=$(date +%s)
psql -h 127.0.0.1 -p "$pg_port" -U learn -d learn_bench -qc "VACUUM (ANALYZE)" -c "CHECKPOINT" >&2
log "VACUUM + CHECKPOINT：$(( $(date +%s) - t0 ))s"
log "从数据库重建 Redis 榜单（rebuild-boards）"
t0=$(date +%s)
dotnet "$api" rebuild-boards >&2
rebuild_s=$(( $(date +%s) - t0 ))

port=$(( 20000 + RANDOM % 20000 ))
# The board's rebuild and catch-up say how long each phase took (read, written, ready): (d)'s recovery, explained.
Management__Urls="" Urls="http://127.0.0.1:$port" env "Logging__LogLevel__Learn.Core.Contests.Boards=Information" \
  "Logging__LogLevel__Learn.Api.Contests.BoardCatchUp=Information" dotnet "$api" >"$out/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
url="http://127.0.0.1:$port"
export BENCH_WRK="$root/bench/wrk" BENCH_TOKENS="$out/tokens.txt" BENCH_CONTEST="$contest" BENCH_THREADS=$threads
export BENCH_PG="$psql_cs" BENCH_REDIS="$LEARN_TEST_REDIS" BENCH_PREFIX="bench:"

# CPU time (clock ticks) of Learn.Api, PostgreSQL (postmaster, its live backends, and its reaped children) and redis-server.
ticks() { # pid [with-children] -> utime+stime (+cutime+cstime)
  local s; read -ra s 2>/dev/null <"/proc/$1/stat" || { echo 0; return; }
  # Fields after "pid (comm)": utime is the 14th field overall.
  local rest="${s[*]}"; rest="${rest##*) }"; read -ra s <<<"$rest"
  if [ "${2:-}" = children ]; then echo $(( s[11] + s[12] + s[13] + s[14] )); else echo $(( s[11] + s[12] )); fi
}
cpu_snapshot() {
  local pm pg=0 c redis_pid
  pm=$(head -n 1 "$LEARN_TEST_PGDIR/data/postmaster.pid")
  pg=$(ticks "$pm" children)
  for c in $(ps -o pid= --ppid "$pm"); do pg=$(( pg + $(ticks "$c") )); done
  redis_pid=$(cat "$LEARN_TEST_REDISDIR/redis.pid" 2>/dev/null || echo 0)
  echo "$(ticks "$api_pid") $pg $(ticks "$redis_pid")"
}
hz=$(getconf CLK_TCK)
# µs per request: ticks × 1e6 / hz / requests
per() { awk -v t="$1" -v hz="$hz" -v n="$2" 'BEGIN { printf "%.0f", (n > 0 ? t * 1e6 / hz / n : 0) }'; }

# wrk NAME SCRIPT SECONDS CONNECTIONS [PATH]: runs wrk; prints "requests failures rps p99 timeouts wrkTicks".
run() {
  local name=$1 script=$2 secs=$3 c=$4 path=${5:-/}
  BENCH_LOG="$logs/$name" bash -c 'wrk -t'"$threads"' -c'"$c"' -d'"$secs"'s --timeout 10s -s "$0" "$1" >"$2" 2>&1 || true
    read -ra s </proc/$$/stat; r="${s[*]}"; r="${r##*) }"; read -ra s <<<"$r"; echo "WRKCPU $(( s[13] + s[14] ))" >>"$2"' \
    "$root/bench/wrk/$script" "$url$path" "$out/$name.txt"
  echo "$(sed -n 's/^WRKSTAT //p' "$out/$name.txt" | tail -n 1) $(sed -n 's/^WRKCPU //p' "$out/$name.txt")"
}
# stats NAME -> lines "kind ok failures okPerSecond p99Ms", "span firstMs firstAckMs lastAckMs" (bench/Learn.Bench/WrkLogs.cs)
stats() { dotnet "$bench_dll" stats "$logs/$1" >"$out/$1.stats"; cat "$out/$1.stats"; }
kind() { awk -v k="$2" '$1 == k { v = $'"$3"'; f = 1 } END { print (f ? v : 0) }' "$out/$1.stats"; }
declare -A CPU
# measure NAME REQUESTS -> CPU[NAME]="api pg redis wrk" µs per request, from snapshots taken around it
cpu_before() { read -r c_api c_pg c_redis <<<"$(cpu_snapshot)"; }
cpu_after() { # name requests wrkTicks
  local a p r; read -r a p r <<<"$(cpu_snapshot)"
  CPU[$1]="$(per $(( a - c_api )) "$2") $(per $(( p - c_pg )) "$2") $(per $(( r - c_redis )) "$2") $(per "$3" "$2")"
}

log "预热"
run warm-bare bare.lua 3 "$conns" /bench/echo >/dev/null
BENCH_TAG=W run warm-cycle cycle.lua 3 "$conns" >/dev/null
run warm-read read.lua 3 "$conns" >/dev/null

log "测量（每项 ${duration}s）：空接口"
cpu_before; read -r bare_n bare_f bare_rps bare_p99 _ bare_cpu <<<"$(run bare bare.lua "$duration" "$conns" /bench/echo)"; cpu_after bare "$bare_n" "$bare_cpu"

log "(a) 计时答卷：取题 + 交卷"
pgss reset
cpu_before; read -r _ _ _ _ _ cyc_cpu <<<"$(BENCH_TAG=T run cycle cycle.lua "$duration" "$conns")"; stats cycle >/dev/null
pgss dump cycle
sub_n=$(kind cycle a 2); sub_f=$(kind cycle a 3); sub_rps=$(kind cycle a 4); sub_p99=$(kind cycle a 5); get_p99=$(kind cycle g 5)
cpu_after cycle "$sub_n" "$cyc_cpu"

log "(a′) 连续作答：交卷即得下一题（next: true，无取题请求）"
pgss reset
cpu_before; read -r _ _ _ _ _ st_cpu <<<"$(BENCH_TAG=S BENCH_CYCLE=straight BENCH_CYCLE_MEMBERS=4000 run straight cycle.lua "$duration" "$conns")"; stats straight >/dev/null
pgss dump straight
st_n=$(kind straight a 2); st_f=$(kind straight a 3); st_rps=$(kind straight a 4); st_p99=$(kind straight a 5)
cpu_after straight "$st_n" "$st_cpu"

log "(c) 读榜（前100 / 我附近 / 组织榜）同时写入"
cpu_before
BENCH_TAG=R run reads-writes cycle.lua "$duration" $(( conns / 2 )) >"$out/reads-writes.run" &
wpid=$!
read -r _ _ _ _ _ rd_cpu <<<"$(run reads read.lua "$duration" $(( conns / 2 )))"
wait "$wpid"; read -r _ _ _ _ _ rw_cpu <"$out/reads-writes.run"
stats reads >/dev/null; stats reads-writes >/dev/null
read_ok=$(( $(kind reads t 2) + $(kind reads m 2) ))
read_f=$(( $(kind reads t 3) + $(kind reads m 3) + $(kind reads o 3) ))
read_rps=$(awk -v a="$(kind reads t 4)" -v b="$(kind reads m 4)" 'BEGIN { printf "%.1f", a + b }')
read_p99=$(awk -v a="$(kind reads t 5)" -v b="$(kind reads m 5)" 'BEGIN { print (a > b ? a : b) }')
org_rps=$(kind reads o 4); org_p99=$(kind reads o 5); rw_rps=$(kind reads-writes a 4); rw_p99=$(kind reads-writes a 5)
cpu_after reads $(( read_ok + $(kind reads o 2) + $(kind reads-writes a 2) + $(kind reads-writes g 2) )) $(( rd_cpu + rw_cpu ))

log "朴素 SQL 基线（每参赛者总分表 + 索引）"
cpu_before; read -r _ _ _ _ _ sql_cpu <<<"$(BENCH_READ_PATH=sql run sql read.lua "$duration" 4)"; stats sql >/dev/null
sql_n=$(kind sql s 2); sql_f=$(kind sql s 3); sql_rps=$(kind sql s 4); sql_p99=$(kind sql s 5)
cpu_after sql "$sql_n" "$sql_cpu"

log "(b) 直播一轮：$live 名成员作答同一开放题"
pgss reset
cpu_before; live_start=$(date +%s%3N)
read -r _ _ _ _ _ live_cpu <<<"$(BENCH_TOKENS="$out/live-tokens.txt" BENCH_CONTEST="$live_contest" run live live.lua "${BENCH_LIVE_MAX_SECONDS:-300}" "$conns")"
pgss dump live
cpu_after live "$(cat "$logs"/live.*.log | awk '$3 == 200' | wc -l)" "$live_cpu"
# Board final: from wrk's start (≈ the first answer sent), checked before anything else runs.
live_final=$(BENCH_CONTEST="$live_contest" BENCH_SINCE_MS="$live_start" BENCH_WAIT_SECONDS=120 dotnet "$bench_dll" board-final)
stats live >/dev/null
read -r _ live_first _ live_last < <(grep '^span' "$out/live.stats")
live_n=$(kind live a 2); live_f=$(kind live a 3); live_p99=$(kind live a 5)
live_s=$(awk -v a="$live_first" -v b="$live_last" 'BEGIN { printf "%.1f", (b - a) / 1000 }')

log "(d) 负载中重启 Redis（${outage}s，回来时为空）"
pre=4
redis_restart() {
  sleep "$pre"
  date +%s%3N >"$out/outage.from"
  redis-cli -p "$LEARN_TEST_REDISPORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$LEARN_TEST_REDISDIR/appendonlydir"
  sleep "$outage"
  redis-server --port "$LEARN_TEST_REDISPORT" --bind 127.0.0.1 --dir "$LEARN_TEST_REDISDIR" --save '' --appendonly yes --appendfsync everysec \
    --daemonize yes --pidfile "$LEARN_TEST_REDISDIR/redis.pid" --logfile "$LEARN_TEST_REDISDIR/log"
  for _ in $(seq 1 50); do redis-cli -p "$LEARN_TEST_REDISPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  date +%s%3N >"$out/outage.to"
}
redis_restart & rpid=$!
read -r _ _ _ _ out_timeouts _ <<<"$(BENCH_TAG=D run outage cycle.lua $(( pre + outage )) "$conns")"
wait "$rpid"
window="$(cat "$out/outage.from"),$(cat "$out/outage.to")"
BENCH_WINDOW="$window" stats outage >/dev/null
read -r _ out_acked out_sent < <(grep '^window' "$out/outage.stats")
out_ratio=$(awk -v a="$out_acked" -v n="$out_sent" -v t="$out_timeouts" 'BEGIN { printf "%.3f", (n + t > 0 ? a / (n + t) : 0) }')
out_p99=$(kind outage a 5)
top_token=$(head -n 1 "$out/tokens.txt" | cut -d' ' -f1)
recovery=$(BENCH_SINCE_MS="$(cat "$out/outage.to")" BENCH_WAIT_SECONDS=60 BENCH_READ_URL="$url/api/contests/$contest/board?top=100" \
  BENCH_READ_TOKEN="$top_token" dotnet "$bench_dll" board-final)

log "空接口（之后）"
read -r _ _ bare_after _ _ _ <<<"$(run bare-after bare.lua "$duration" "$conns" /bench/echo)"

log "账目核对（逐条答案）"
# The live contest's board went with Redis in (d) and nobody has touched it since: read it once (as its big screen
# would) and wait until it is rebuilt, so the books compare boards that exist.
live_token=$(head -n 1 "$out/live-tokens.txt" | cut -d' ' -f1)
live_rebuilt=$(BENCH_CONTEST="$live_contest" BENCH_SINCE_MS="$(date +%s%3N)" BENCH_WAIT_SECONDS=60 \
  BENCH_READ_URL="$url/api/contests/$live_contest/board?top=100" BENCH_READ_TOKEN="$live_token" dotnet "$bench_dll" board-final)
log "直播榜单在 Redis 重启后经一次读取重建：${live_rebuilt}s"
verify=$(BENCH_CONTESTS="$contest,$live_contest" BENCH_LOGS="$logs" dotnet "$bench_dll" verify)
field() { sed -E 's/.*"'"$1"'":(-?[0-9]+).*/\1/' <<<"$verify"; }
lost=$(field lostAnswers); double=$(field doubleCounted); mismatch=$(field boardMismatches)
out_lost=$(field lostOutage)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
sub_ratio=$(ratio "$sub_rps" "$bare_rps"); read_ratio=$(ratio "$read_rps" "$bare_rps")
read -r cu_api cu_pg cu_redis cu_wrk <<<"${CPU[cycle]}"
cpu_answer=$(( cu_api + cu_pg + cu_redis + cu_wrk ))
# Share of the answer path's row updates that PostgreSQL made in place (HOT: no index entries, less WAL; ADR 0312).
psql -h 127.0.0.1 -p "$pg_port" -U learn -d learn_bench -c "SELECT relname, n_tup_upd AS updates, n_tup_hot_upd AS hot,
    round(100.0 * n_tup_hot_upd / greatest(n_tup_upd, 1), 1) AS hot_pct FROM pg_stat_user_tables
  WHERE relname IN ($answer_tables_sql) ORDER BY relname" >"$out/hot-updates.txt" 2>&1 || true
hot_ratio=$(psql -h 127.0.0.1 -p "$pg_port" -U learn -d learn_bench -qAtc "SELECT round(sum(n_tup_hot_upd)::numeric / greatest(sum(n_tup_upd), 1), 3)
  FROM pg_stat_user_tables WHERE relname IN ($answer_tables_sql)" 2>/dev/null || echo 0)
grep -E "rebuilt from the database|caught up" "$out/api.log" | tail -n 4 >"$out/rebuilds.txt" || true
load=$(cut -d' ' -f1-3 /proc/loadavg)
total_s=$(( $(date +%s) - started ))

printf '\n%-34s %12s %10s %10s %10s   %s\n' "场景" "requests/s" "p99 ms" "ok" "failures" "CPU µs/request: Learn.Api PostgreSQL redis wrk"
row() { printf '%-30s %12s %10s %10s %10s   %s\n' "$@"; }
row "bare JSON POST (before)" "$bare_rps" "$bare_p99" "$bare_n" "$bare_f" "${CPU[bare]}"
row "(a) timed cycle: answers" "$sub_rps" "$sub_p99" "$sub_n" "$sub_f" "${CPU[cycle]} (per answer, GET included)"
row "(a) timed cycle: GET current" "" "$get_p99" "" "" ""
row "(a') straight through: answers" "$st_rps" "$st_p99" "$st_n" "$st_f" "${CPU[straight]} (per answer)"
row "(c) reads top100/around me" "$read_rps" "$read_p99" "$read_ok" "$read_f" "${CPU[reads]} (per request, reads + writes)"
row "(c) reads: organisation board" "$org_rps" "$org_p99" "" "" ""
row "(c) answers beside the reads" "$rw_rps" "$rw_p99" "" "" ""
row "SQL baseline (totals + index)" "$sql_rps" "$sql_p99" "$sql_n" "$sql_f" "${CPU[sql]}"
row "(b) live round answers" "" "$live_p99" "$live_n" "$live_f" "${CPU[live]}"
row "(d) Redis outage answers" "" "$out_p99" "$out_acked" "$(( out_sent - out_acked + out_timeouts ))" "(in the outage window)"
row "bare JSON POST (after)" "$bare_after" "" "" "" ""
echo "participants=$participants live=$live liveRound=${live_s}s boardFinal=${live_final}s outageAcked=$out_ratio recovery=${recovery}s"
echo "seed=${seed_s}s rebuild=${rebuild_s}s total=${total_s}s durable=$durable load=$load verify=$verify"
echo "HOT updates (artifacts/bench/hot-updates.txt):"; sed -n '3,5p' "$out/hot-updates.txt"
echo "board rebuilds in Learn.Api (artifacts/bench/rebuilds.txt):"; cat "$out/rebuilds.txt"
printf '{"participants":%d,"bareRps":%s,"submitRps":%s,"submitRatio":%s,"submitP99Ms":%s,"readRps":%s,"readRatio":%s,"readP99Ms":%s,"sqlReadRps":%s,"sqlReadP99Ms":%s,"lostAnswers":%d,"doubleCounted":%d,"boardMismatches":%d,"seedSeconds":%d,"rebuildSeconds":%d,"totalSeconds":%d,' \
  "$participants" "$bare_rps" "$sub_rps" "$sub_ratio" "$sub_p99" "$read_rps" "$read_ratio" "$read_p99" "$sql_rps" "$sql_p99" \
  "$lost" "$double" "$mismatch" "$seed_s" "$rebuild_s" "$total_s"
printf '"straightSubmitRps":%s,"straightSubmitRatio":%s,"straightSubmitP99Ms":%s,' "$st_rps" "$(ratio "$st_rps" "$bare_rps")" "$st_p99"
printf '"cycleGetP99Ms":%s,"liveRoundParticipants":%d,"liveRoundAcked":%d,"liveRoundSeconds":%s,"liveBoardFinalSeconds":%s,"liveP99Ms":%s,"orgReadRps":%s,"orgReadP99Ms":%s,"writesBesideReadsRps":%s,"writesBesideReadsP99Ms":%s,' \
  "$get_p99" "$live" "$live_n" "$live_s" "$live_final" "$live_p99" "$org_rps" "$org_p99" "$rw_rps" "$rw_p99"
cpujson() { read -r a p r w <<<"${CPU[$1]}"; printf '"%s":{"api":%d,"postgres":%d,"redis":%d,"wrk":%d}' "$1" "$a" "$p" "$r" "$w"; }
printf '"cpuUsPerAnswer":%d,"cpuApiUsPerAnswer":%d,"cpuPostgresUsPerAnswer":%d,"cpuRedisUsPerAnswer":%d,"cpuWrkUsPerAnswer":%d,"cpuUsPerRequest":{%s,%s,%s,%s,%s,%s},' \
  "$cpu_answer" "$cu_api" "$cu_pg" "$cu_redis" "$cu_wrk" "$(cpujson bare)" "$(cpujson cycle)" "$(cpujson straight)" "$(cpujson reads)" "$(cpujson sql)" "$(cpujson live)"
printf '"bareRpsBefore":%s,"bareRpsAfter":%s,"redisOutageSeconds":%d,"redisOutageAckedRatio":%s,"redisOutageLostAnswers":%d,"redisOutageP99Ms":%s,"redisRecoverySeconds":%s,"hotUpdateRatio":%s,"durable":%s,"loadAverage":"%s"}\n' \
  "$bare_rps" "$bare_after" "$outage" "$out_ratio" "$out_lost" "$out_p99" "$recovery" "${hot_ratio:-0}" "$durable" "$load"
