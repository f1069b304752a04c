#!/usr/bin/env bash
# ./learn.sh run: the whole system on the embedded default, no root and no apt needed.
# SQLite file and secrets live in .data/ (git-ignored); Redis is Garnet from the local tool manifest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data="${LEARN_DATA_DIR:-$root/.data}"
mkdir -p "$data/logs"

api_port="${LEARN_API_PORT:-5080}"
admin_port="${LEARN_ADMIN_PORT:-5081}"
jobs_port="${LEARN_JOBS_PORT:-5082}"
redis_port="${LEARN_REDIS_PORT:-6380}"
simulator_port="${LEARN_SIMULATOR_PORT:-5083}"
export LEARN_SIMULATOR_PORT="$simulator_port"

# A personal-data key per checkout, made once; production supplies its own through configuration.
if [ ! -f "$data/secrets.env" ]; then
  {
    printf "export Security__PersonalDataKey='%s'\n" "$(head -c 32 /dev/urandom | base64 -w0)"
    printf "export Auth__SigningKey='%s'\n" "$(head -c 32 /dev/urandom | base64 -w0)"
  } > "$data/secrets.env"
  chmod 600 "$data/secrets.env"
fi
# shellcheck disable=SC1091
source "$data/secrets.env"

export Database__Provider="${Database__Provider:-Sqlite}"
export ConnectionStrings__Learn="${ConnectionStrings__Learn:-Data Source=$data/learn.db;Default Timeout=30}"
export ConnectionStrings__Redis="${ConnectionStrings__Redis:-127.0.0.1:$redis_port}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
[ -f "$root/scripts/demo.env" ] && source "$root/scripts/demo.env"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "正在停止所有进程 …"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

echo "▶ 还原本地工具并编译（首次较慢）…"
dotnet tool restore >/dev/null
# ./learn.sh test has built everything already when its demo walk starts a run (tests/Learn.Admin.Tests/Demo).
[ -n "${LEARN_RUN_NO_BUILD:-}" ] || dotnet build "$root/Learn.sln" -c Release -v q -nologo -clp:ErrorsOnly

if [ "$ConnectionStrings__Redis" = "127.0.0.1:$redis_port" ]; then
  echo "▶ 启动 Garnet（Redis 兼容）于 127.0.0.1:$redis_port"
  # Lua on, each script atomic (contest boards: one script per batch, docs/decisions/0303).
  dotnet garnet-server --port "$redis_port" --bind 127.0.0.1 -m 512m -i 64m --lua --lua-transaction-mode --logger-level Warning \
    >"$data/logs/garnet.log" 2>&1 &
  pids+=($!)
fi

# Each process runs from its project folder: that is its content root (appsettings.json, wwwroot).
# Started with `host … &`, the background subshell itself becomes dotnet (exec), so the pid kept in $pids is the
# host's and the cleanup trap really stops it.
host() { # name args...
  local name="$1"; shift
  cd "$root/src/$name" && exec dotnet "bin/Release/net10.0/$name.dll" "$@"
}

if [ -n "${Demo__SimulatorUrl:-}" ]; then
  echo "▶ 演示模式：启动微信模拟器于 $Demo__SimulatorUrl（登录接受任意 code，消息进入模拟收件箱）"
  "$root/scripts/member-page.sh" || echo "  （未构建模拟小程序页面：需要 Node.js 与 npm）"
  Urls="http://127.0.0.1:$simulator_port" Simulator__ApiUrl="http://127.0.0.1:$api_port" host Learn.Simulator \
    >"$data/logs/Learn.Simulator.log" 2>&1 &
  pids+=($!)
fi

echo "▶ 迁移数据库并写入演示数据（仅首次）"
(host Learn.Api seed-demo)

start() { # name port
  Urls="http://127.0.0.1:$2" host "$1" >"$data/logs/$1.log" 2>&1 &
  pids+=($!)
}
start Learn.Api "$api_port"
start Learn.Admin "$admin_port"
start Learn.Jobs "$jobs_port"

wait_ready() { # name port
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$2/health/ready" >/dev/null 2>&1; then echo "  ✓ $1 就绪"; return 0; fi
    sleep 0.5
  done
  echo "  ✗ $1 未就绪，见 $data/logs/$1.log" >&2; return 1
}
wait_ready Learn.Api "$api_port"
wait_ready Learn.Admin "$admin_port"
wait_ready Learn.Jobs "$jobs_port"
[ -n "${Demo__SimulatorUrl:-}" ] && wait_ready Learn.Simulator "$simulator_port"

cat <<MSG

机关党建学习平台已启动（按 Ctrl-C 停止全部进程）
  Learn.Api    http://127.0.0.1:$api_port     （小程序与公众号接口，/health/ready）
  Learn.Admin  http://127.0.0.1:$admin_port     （管理后台）
  Learn.Jobs   http://127.0.0.1:$jobs_port     （定时任务，仅健康检查）
演示账号：超级管理员 admin / Learn@2026；党员邀请码 DEMO2026
MSG
if [ -n "${Demo__SimulatorUrl:-}" ]; then cat <<MSG
演示模式：微信接口指向本地模拟器（不连接真实微信）
  微信模拟器   http://127.0.0.1:$simulator_port     （模拟小程序：/miniprogram/；消息在管理后台“模拟微信消息”）
  党员一侧：另开终端运行 ./learn.sh demo
MSG
fi
cat <<MSG
日志：$data/logs/
MSG
if [ -n "${LEARN_RUN_EXIT_WHEN_READY:-}" ]; then exit 0; fi
wait -n "${pids[@]}"
