#!/usr/bin/env bash
# ./learn.sh test: installs and starts what the tests need, runs every test, exits non-zero on failure.
#   PostgreSQL: the machine's server binaries, a throw-away cluster on a free port.
#   Redis: redis-server from apt when absent, on a free port with a throw-away data dir.
#   Chromium (+ a CJK font) for the admin site's browser tests; npm packages for the contract tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started=$(date +%s)

# What this script cannot install for you: say so before doing anything.
missing_tools=()
command -v dotnet >/dev/null || missing_tools+=(".NET SDK 10（https://dot.net ，或 apt 源 packages.microsoft.com 的 dotnet-sdk-10.0）")
{ command -v node >/dev/null && command -v npm >/dev/null; } || missing_tools+=("Node.js 与 npm（apt-get install nodejs npm）")
if [ ${#missing_tools[@]} -gt 0 ]; then
  printf '缺少：%s\n' "${missing_tools[@]}" >&2
  echo "请先安装以上工具，再运行 ./learn.sh test。" >&2
  exit 1
fi

apt_install() { # packages...
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "▶ apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ -d "$root/tests/Learn.Admin.Tests" ]; then apt_install chromium fonts-wqy-zenhei; fi
# nginx + openssl for the reverse-proxy test (tests/Learn.Production.Tests); the package's own site is not used.
if [ -d "$root/tests/Learn.Production.Tests" ]; then apt_install nginx openssl; fi

"$root/scripts/test-services.sh" start
trap '"$root/scripts/test-services.sh" stop' EXIT
# shellcheck disable=SC1091
source "$root/.test-run/env"

echo "▶ 编译"
dotnet build "$root/Learn.sln" -c Release -v q -nologo -clp:ErrorsOnly

# The demo walk (tests/Learn.Admin.Tests/Demo) runs ./learn.sh run + ./learn.sh demo, which bundle with esbuild.
if [ -f "$root/miniprogram-contract/package.json" ]; then
  echo "▶ npm ci（miniprogram-contract）"
  (cd "$root/miniprogram-contract" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

mkdir -p "$root/artifacts"
log="$root/artifacts/dotnet-test.log"
echo "▶ 运行 .NET 测试"
set +e
dotnet test "$root/Learn.sln" -c Release --no-build -nologo -v q \
  --logger "console;verbosity=normal" --results-directory "$root/artifacts/test-results" 2>&1 | tee "$log" \
  | grep --line-buffered -E "^Total tests|^\s+(Passed|Failed|Skipped): |\[FAIL\]|^\s+Failed |Error Message" 
dotnet_status=${PIPESTATUS[0]}
set -e

node_status=0; node_passed=0; node_failed=0
if [ -f "$root/miniprogram-contract/package.json" ]; then
  echo "▶ 运行小程序契约测试（Node）"
  set +e
  "$root/scripts/contract-tests.sh" 2>&1 | tee "$root/artifacts/contract-test.log"
  node_status=${PIPESTATUS[0]}
  set -e
  node_passed=$({ grep -E "^# pass " "$root/artifacts/contract-test.log" || true; } | awk '{s+=$3} END {print s+0}')
  node_failed=$({ grep -E "^# fail " "$root/artifacts/contract-test.log" || true; } | awk '{s+=$3} END {print s+0}')
fi

# vstest prints "Total tests: N" then "     Passed: N" / "     Failed: N" / "    Skipped: N" per assembly.
count() { { grep -E "^\s+$1: +[0-9]+\s*$" "$log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
passed=$((passed + node_passed)); failed=$((failed + node_failed))
echo "用时 $(( $(date +%s) - started )) 秒"
if [ "$dotnet_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$node_status" -ne 0 ] && [ "$node_failed" -eq 0 ]; then failed=$((failed + 1)); fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$dotnet_status" -eq 0 ] && [ "$node_status" -eq 0 ]
