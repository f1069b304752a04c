#!/usr/bin/env bash
# Learn: one entry point for people and CI.
#   ./learn.sh run      start Learn.Api, Learn.Admin and Learn.Jobs on the embedded default (SQLite + Garnet)
#   ./learn.sh demo     demo members play through Learn.Api (beside a running ./learn.sh run), see README
#   ./learn.sh test     start throw-away PostgreSQL and Redis, install what tests need, run every test
#   ./learn.sh migrate  apply database migrations with the current environment's settings
#   ./learn.sh bench    the contest benchmark (bench/), against PostgreSQL and redis-server
#   ./learn.sh bench campaign   the 100,000-recipient notification campaign benchmark
#   ./learn.sh admin create|reset-password USERNAME   a super administrator on the configured database
#                       (password from stdin or LEARN_ADMIN_PASSWORD, never an argument)
#   ./learn.sh publish [DIR]   Release builds + systemd units + nginx site + env template (artifacts/publish/)
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
  admin)
    dotnet build "$root/src/Learn.Admin" -c Release -v q -nologo -clp:ErrorsOnly >&2
    cd "$root/src/Learn.Admin" && exec dotnet bin/Release/net10.0/Learn.Admin.dll admin "$@" ;;
  publish) exec "$root/scripts/publish.sh" "$@" ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2 ;;
esac
