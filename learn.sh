#!/usr/bin/env bash
# Learn: one entry point for people and CI.
#   ./learn.sh run      start Learn.Api, Learn.Admin and Learn.Jobs on the embedded default (SQLite + Garnet)
#   ./learn.sh demo     demo members play through Learn.Api (beside a running ./learn.sh run), see README
#   ./learn.sh test     start throw-away PostgreSQL and Redis, install what tests need, run every test
#   ./learn.sh migrate  apply database migrations with the current environment's settings
#   ./learn.sh bench    the contest benchmark (bench/), against PostgreSQL and redis-server
#   ./learn.sh bench campaign   the 100,000-recipient notification campaign benchmark
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cmd="${1:-}"; shift || true
case "$cmd" in
  run) exec "$root/scripts/run.sh" "$@" ;;
  demo) exec "$root/scripts/demo.sh" "$@" ;;
  test) exec "$root/scripts/test.sh" "$@" ;;
  migrate)
    dotnet build "$root/src/Learn.Api" -c Release -v q -nologo
    cd "$root/src/Learn.Api" && exec dotnet bin/Release/net10.0/Learn.Api.dll migrate "$@" ;;
  bench) exec "$root/scripts/bench.sh" "$@" ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
