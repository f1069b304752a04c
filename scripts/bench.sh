#!/usr/bin/env bash
# ./learn.sh bench: the contest benchmark (docs/perf.md). Throw-away PostgreSQL + redis-server
# (scripts/test-services.sh), one contest with BENCH_PARTICIPANTS (default 1,000,000) on the board,
# then wrk (one tool, one run) against Learn.Api: bare JSON POST, real answer submission, board
# reads, and the same reads done by SQL aggregation. Prints a table, then one JSON line.
# `./learn.sh bench campaign` runs the notification campaign benchmark instead (scripts/bench-campaign.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = campaign ]; then shift; exec "$root/scripts/bench-campaign.sh" "$@"; fi
cd "$root"
started=$(date +%s)
participants="${BENCH_PARTICIPANTS:-1000000}"
active="${BENCH_ACTIVE:-20000}"
duration="${BENCH_SECONDS:-15}"
threads=2
conns="${BENCH_CONNECTIONS:-64}"
out="$root/artifacts/bench"; mkdir -p "$out"
log() { echo "▶ $*" >&2; }

if ! command -v wrk >/dev/null; then
  log "apt-get install wrk"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

"$root/scripts/test-services.sh" start >&2
api_pid=""
cleanup() { [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; "$root/scripts/test-services.sh" stop; }
trap cleanup EXIT
# shellcheck disable=SC1091
source "$root/.test-run/env"

log "编译 Learn.Api 与 Learn.Bench（Release）"
dotnet build "$root/src/Learn.Api" -c Release -v q -nologo -clp:ErrorsOnly >&2
dotnet build "$root/bench/Learn.Bench" -c Release -v q -nologo -clp:ErrorsOnly >&2

psql_cs="${LEARN_TEST_POSTGRES/Database=postgres/Database=learn_bench}"
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$LEARN_TEST_POSTGRES")
psql -h 127.0.0.1 -p "$pg_port" -U learn -d postgres -qc "CREATE DATABASE learn_bench" >&2
export Database__Provider=Postgres ConnectionStrings__Learn="$psql_cs;Maximum Pool Size=40" ConnectionStrings__Redis="$LEARN_TEST_REDIS"
export Redis__KeyPrefix="bench:" Security__PersonalDataKey="$(head -c 32 /dev/urandom | base64 -w0)"
export Auth__SigningKey="$(head -c 32 /dev/urandom | base64 -w0)" Auth__AccessTokenMinutes=120
export Logging__LogLevel__Default=Warning Bench__Enabled=true ASPNETCORE_ENVIRONMENT=Production
# Placeholder WeChat apps (required settings; the bench never reaches WeChat).
# shellcheck disable=SC1091
source "$root/scripts/demo.env"
api="$root/src/Learn.Api/bin/Release/net10.0/Learn.Api.dll"
dotnet "$api" migrate >"$out/migrate.log" 2>&1 || { cat "$out/migrate.log" >&2; exit 1; }

log "写入 $participants 名参赛者（COPY）"
t0=$(date +%s)
contest=$(BENCH_PG="$psql_cs" BENCH_PARTICIPANTS="$participants" BENCH_ACTIVE="$active" BENCH_OUT="$out" \
  dotnet "$root/bench/Learn.Bench/bin/Release/net10.0/Learn.Bench.dll" seed | sed -n 's/^CONTEST=//p')
seed_s=$(( $(date +%s) - t0 ))
log "从数据库重建 Redis 榜单（rebuild-boards）"
t0=$(date +%s)
dotnet "$api" rebuild-boards >&2
rebuild_s=$(( $(date +%s) - t0 ))

port=$(( 20000 + RANDOM % 20000 ))
Management__Urls="" Urls="http://127.0.0.1:$port" dotnet "$api" >"$out/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
url="http://127.0.0.1:$port"

export BENCH_WRK="$root/bench/wrk" BENCH_TOKENS="$out/tokens.txt" BENCH_CONTEST="$contest" BENCH_THREADS=$threads
run() { # name script seconds connections [path] -> "requests failures rps p99"
  local name=$1 script=$2 secs=$3 c=$4 path=${5:-/}
  wrk -t$threads -c"$c" -d"${secs}s" --timeout 10s -s "$root/bench/wrk/$script" "$url$path" >"$out/$name.txt" 2>&1 || true
  sed -n 's/^WRKSTAT //p' "$out/$name.txt" | tail -n 1
}
log "预热"
run warm-bare bare.lua 3 "$conns" /bench/echo >/dev/null
run warm-read read.lua 3 "$conns" >/dev/null
BENCH_OFFSET=900000 run warm-submit submit.lua 3 "$conns" > "$out/warm-submit.stat"
log "测量（每项 ${duration}s）"
read -r bare_n bare_f bare_rps bare_p99 <<<"$(run bare bare.lua "$duration" "$conns" /bench/echo)"
read -r sub_n sub_f sub_rps sub_p99 <<<"$(BENCH_OFFSET=0 run submit submit.lua "$duration" "$conns")"
read -r read_n read_f read_rps read_p99 <<<"$(run read read.lua "$duration" "$conns")"
read -r sql_n sql_f sql_rps sql_p99 <<<"$(BENCH_READ_PATH=sql run sql read.lua "$duration" 4)"
read -r wsub_n wsub_f _ _ <"$out/warm-submit.stat"

sleep 1
acked=$(( sub_n - sub_f + wsub_n - wsub_f ))
verify=$(BENCH_PG="$psql_cs" BENCH_REDIS="$LEARN_TEST_REDIS" BENCH_PREFIX="bench:" BENCH_CONTEST="$contest" BENCH_ACKED="$acked" \
  dotnet "$root/bench/Learn.Bench/bin/Release/net10.0/Learn.Bench.dll" verify)
lost=$(sed -E 's/.*"lostAnswers":([0-9]+).*/\1/' <<<"$verify")
double=$(sed -E 's/.*"doubleCounted":([0-9]+).*/\1/' <<<"$verify")
mismatch=$(sed -E 's/.*"boardMismatches":([0-9]+).*/\1/' <<<"$verify")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
sub_ratio=$(ratio "$sub_rps" "$bare_rps"); read_ratio=$(ratio "$read_rps" "$bare_rps")
total_s=$(( $(date +%s) - started ))

printf '\n%-34s %12s %10s %10s %10s\n' "场景" "requests/s" "p99 ms" "requests" "failures"
printf '%-30s %12s %10s %10s %10s\n' "bare JSON POST" "$bare_rps" "$bare_p99" "$bare_n" "$bare_f"
printf '%-30s %12s %10s %10s %10s\n' "answer submission" "$sub_rps" "$sub_p99" "$sub_n" "$sub_f"
printf '%-30s %12s %10s %10s %10s\n' "board reads (top100/around)" "$read_rps" "$read_p99" "$read_n" "$read_f"
printf '%-30s %12s %10s %10s %10s\n' "SQL ORDER BY baseline" "$sql_rps" "$sql_p99" "$sql_n" "$sql_f"
echo "participants=$participants seed=${seed_s}s rebuild=${rebuild_s}s total=${total_s}s verify=$verify"
printf '{"participants":%d,"bareRps":%s,"submitRps":%s,"submitRatio":%s,"submitP99Ms":%s,"readRps":%s,"readRatio":%s,"readP99Ms":%s,"sqlReadRps":%s,"sqlReadP99Ms":%s,"lostAnswers":%d,"doubleCounted":%d,"boardMismatches":%d,"seedSeconds":%d,"rebuildSeconds":%d,"totalSeconds":%d}\n' \
  "$participants" "$bare_rps" "$sub_rps" "$sub_ratio" "$sub_p99" "$read_rps" "$read_ratio" "$read_p99" "$sql_rps" "$sql_p99" \
  "$lost" "$double" "$mismatch" "$seed_s" "$rebuild_s" "$total_s"
