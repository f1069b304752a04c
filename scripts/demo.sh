#!/usr/bin/env bash
# ./learn.sh demo: demo members play through the real Learn.Api as the Mini Program would, beside a running
# ./learn.sh run (same LEARN_*_PORT variables). The driver is miniprogram-contract/demo/run-demo.ts on the
# typed client, bundled with esbuild and run by Node.
#   LEARN_DEMO_MEMBERS (8)      how many demo members play (invitation codes DEMO2026-01 …)
#   LEARN_DEMO_LIVE_WAIT (120)  seconds to wait for the organiser to open live questions; 0 skips the live round
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/miniprogram-contract"
command -v node >/dev/null || { echo "需要 Node.js（20 或更高版本）" >&2; exit 1; }
export LEARN_API_URL="${LEARN_API_URL:-http://127.0.0.1:${LEARN_API_PORT:-5080}}"
export LEARN_ADMIN_URL="${LEARN_ADMIN_URL:-http://127.0.0.1:${LEARN_ADMIN_PORT:-5081}}"
export LEARN_SIMULATOR_URL="${LEARN_SIMULATOR_URL:-http://127.0.0.1:${LEARN_SIMULATOR_PORT:-5083}}"
curl -fsS -o /dev/null "$LEARN_API_URL/health/ready" 2>/dev/null \
  || { echo "Learn.Api（$LEARN_API_URL）没有运行：先在另一个终端执行 ./learn.sh run" >&2; exit 1; }
[ -x node_modules/.bin/esbuild ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null
out="$(mktemp -d /tmp/learn-demo.XXXXXX)"
trap 'rm -rf "$out"' EXIT
node_modules/.bin/esbuild demo/run-demo.ts --bundle --platform=node --format=esm --log-level=warning --outfile="$out/run-demo.mjs"
node "$out/run-demo.mjs"
