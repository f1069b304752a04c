#!/usr/bin/env bash
# The Mini Program contract tests: Node's test runner drives a RUNNING Learn.Api through every member flow
# with the typed client (miniprogram-contract/src/client.ts) over a fetch-backed wx.request.
#   - tests/Learn.ContractHost: the fake WeChat server + a loopback control API (WeChat codes, roster, contests, live host)
#   - Learn.Api (Release build, content root src/Learn.Api) on a fresh PostgreSQL database and its own Redis prefix
# Needs LEARN_TEST_POSTGRES and LEARN_TEST_REDIS (scripts/test-services.sh start && source .test-run/env).
# Always stops both processes and drops the database. Output is TAP (scripts/test.sh sums "# pass"/"# fail").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
: "${LEARN_TEST_POSTGRES:?run scripts/test-services.sh start && source .test-run/env first}"
: "${LEARN_TEST_REDIS:?run scripts/test-services.sh start && source .test-run/env first}"
run="$(mktemp -d /tmp/learn-contract.XXXXXX)"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

pg_part() { echo "$LEARN_TEST_POSTGRES" | tr ';' '\n' | sed -n "s/^$1=//Ip" | head -n 1; }
pg_host=$(pg_part Host); pg_port=$(pg_part Port); pg_user=$(pg_part Username)
psql_admin() { PGCONNECT_TIMEOUT=5 "$pg_bin/psql" -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qAt -v ON_ERROR_STOP=1 -c "$1"; }
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port" >&2; return 1
}
wait_for() { # url what log
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$2 没有启动，日志：" >&2; tail -n 40 "$3" >&2; return 1
}

db="learn_contract_$(date +%s)_$RANDOM"
host_pid=""; api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true
  psql_admin "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$run"
}
trap cleanup EXIT

echo "▶ npm ci（miniprogram-contract）"
(cd miniprogram-contract && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "▶ 编译 Learn.Api 与契约测试宿主（Release）"
dotnet build src/Learn.Api -c Release -v q -nologo -clp:ErrorsOnly
dotnet build tests/Learn.ContractHost -c Release -v q -nologo -clp:ErrorsOnly

psql_admin "CREATE DATABASE \"$db\""
export Database__Provider=Postgres
export ConnectionStrings__Learn="${LEARN_TEST_POSTGRES/Database=postgres/Database=$db}"
export ConnectionStrings__Redis="$LEARN_TEST_REDIS"
export Redis__KeyPrefix="contract$RANDOM:"
export Security__PersonalDataKey; Security__PersonalDataKey="$(head -c 32 /dev/urandom | base64)"
export Auth__SigningKey; Auth__SigningKey="$(head -c 32 /dev/urandom | base64)"
export Logging__LogLevel__Default=Warning
export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production

control_port=$(free_port); api_port=$(free_port)
(cd tests/Learn.ContractHost && exec dotnet bin/Release/net10.0/Learn.ContractHost.dll \
  --ContractHost:Port="$control_port" --ContractHost:EnvOut="$run/wechat.env") >"$run/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 60); do [ -s "$run/wechat.env" ] && break; sleep 0.5; done
[ -s "$run/wechat.env" ] || { echo "契约测试宿主没有启动：" >&2; tail -n 40 "$run/host.log" >&2; exit 1; }
# shellcheck disable=SC1091
source "$run/wechat.env"

(cd src/Learn.Api && Database__MigrateOnStart=true Urls="http://127.0.0.1:$api_port" Management__Urls="" WeChatPush__BindingPageUrl="http://127.0.0.1:$api_port/wechat/oa/bind" exec dotnet bin/Release/net10.0/Learn.Api.dll) >"$run/api.log" 2>&1 &
api_pid=$!
wait_for "http://127.0.0.1:$api_port/health/ready" "Learn.Api" "$run/api.log"

export LEARN_API_URL="http://127.0.0.1:$api_port" LEARN_CONTROL_URL="http://127.0.0.1:$control_port"
echo "▶ node --test（Learn.Api $LEARN_API_URL）"
cd miniprogram-contract
npm run --silent check
npm run --silent build
set +e
node --test --test-reporter=tap --test-concurrency=1 dist/test/*.test.js
status=$?
set -e
if [ "$status" -ne 0 ]; then echo "--- Learn.Api 日志（末尾）---"; tail -n 30 "$run/api.log"; fi
exit "$status"
