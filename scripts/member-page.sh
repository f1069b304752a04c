#!/usr/bin/env bash
# Bundles the 模拟小程序 page (miniprogram-contract/demo/member-page.ts + the typed client) with esbuild into the
# WeChat simulator's wwwroot. Needs Node.js and npm; ./learn.sh run calls it in 演示模式.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/miniprogram-contract"
command -v npm >/dev/null || exit 1
[ -x node_modules/.bin/esbuild ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null
node_modules/.bin/esbuild demo/member-page.ts --bundle --format=iife --target=es2020 --log-level=warning \
  --outfile="$root/src/Learn.Simulator/wwwroot/miniprogram/app.js"
