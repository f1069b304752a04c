#!/usr/bin/env bash
# Starts throw-away PostgreSQL and Redis servers for the tests and writes their addresses to
# .test-run/env (sourced by learn.sh test). Usage: scripts/test-services.sh start|stop
# Both run on free loopback ports with data in a temp dir, so they never touch a real server.
# Also a 3-node Redis Cluster (LEARN_TEST_REDIS_CLUSTER; LEARN_SERVICES_CLUSTER=0 skips it, as the bench does).
# LEARN_SERVICES_DURABLE=1 (the bench) runs both with production durability: PostgreSQL fsync,
# synchronous_commit and full_page_writes on; redis-server AOF with appendfsync everysec. Tests keep them off.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="$root/.test-run"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

ensure_postgres() {
  [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] && return
  echo "安装 PostgreSQL …"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # Debian starts a system cluster on 5432; the tests use their own throw-away one.
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
}

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port" >&2; return 1
}

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

ensure_redis() {
  command -v redis-server >/dev/null && return
  echo "安装 redis-server …"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; fi
  # Debian's package starts a system redis on 6379; the tests don't use it.
}

# A cluster node's bus listens on port + 10000, so both must be free.
free_cluster_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 10000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$((p + 10000))") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port" >&2; return 1
}

# Three redis-server primaries in cluster mode (no replicas), data under $1/cluster-PORT; prints "h:p,h:p,h:p".
start_cluster() {
  local base=$1 ports=() p nodes=()
  for _ in 1 2 3; do
    p=$(free_cluster_port); ports+=("$p"); nodes+=("127.0.0.1:$p")
    mkdir -p "$base/cluster-$p"
    redis-server --port "$p" --bind 127.0.0.1 --dir "$base/cluster-$p" --save '' --appendonly no \
      --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 5000 \
      --daemonize yes --pidfile "$base/cluster-$p/redis.pid" --logfile "$base/cluster-$p/log"
  done
  for p in "${ports[@]}"; do for _ in $(seq 1 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done; done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$base/cluster-create.log" 2>&1 \
    || { cat "$base/cluster-create.log" >&2; return 1; }
  for _ in $(seq 1 100); do
    redis-cli -p "${ports[0]}" cluster info 2>/dev/null | grep -q '^cluster_state:ok' && break; sleep 0.1
  done
  (IFS=,; echo "${nodes[*]}")
}

start() {
  stop >/dev/null 2>&1 || true
  mkdir -p "$run"
  ensure_postgres
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
  ensure_redis

  local pgdir pgport redisport redisdir
  pgdir="$(mktemp -d /tmp/learn-pg.XXXXXX)"; chmod 755 "$pgdir"
  [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
  pgport=$(free_port)
  as_postgres "$pg_bin/initdb" -D "$pgdir/data" -U learn --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # fsync off: a throw-away cluster trades durability for test speed (the bench asks for production's).
  local pg_durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  local redis_durability=(--appendonly no)
  if [ "${LEARN_SERVICES_DURABLE:-0}" = 1 ]; then
    pg_durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    redis_durability=(--appendonly yes --appendfsync everysec)
  fi
  # LEARN_SERVICES_PGSS=1 (BENCH_PGSS=1): pg_stat_statements loaded, to split PostgreSQL's time per statement.
  # and auto_explain for 1 % of statements over 2 ms (plans with buffers, in the server log).
  [ "${LEARN_SERVICES_PGSS:-0}" = 1 ] && pg_durability="$pg_durability -c shared_preload_libraries=pg_stat_statements,auto_explain \
    -c pg_stat_statements.track=all -c auto_explain.log_min_duration=2 -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on \
    -c auto_explain.log_timing=off -c auto_explain.sample_rate=0.01"
  as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o \
    "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 $pg_durability -c max_connections=400" start >/dev/null

  redisdir="$(mktemp -d /tmp/learn-redis.XXXXXX)"
  redisport=$(free_port)
  redis-server --port "$redisport" --bind 127.0.0.1 --dir "$redisdir" --save '' "${redis_durability[@]}" \
    --daemonize yes --pidfile "$redisdir/redis.pid" --logfile "$redisdir/log"
  for _ in $(seq 1 50); do redis-cli -p "$redisport" ping >/dev/null 2>&1 && break; sleep 0.1; done
  local cluster=""
  [ "${LEARN_SERVICES_CLUSTER:-1}" = 1 ] && cluster=$(start_cluster "$redisdir")

  cat > "$run/env" <<ENV
export LEARN_TEST_POSTGRES='Host=127.0.0.1;Port=$pgport;Username=learn;Database=postgres;Pooling=true;Maximum Pool Size=50;Include Error Detail=true'
export LEARN_TEST_REDIS='127.0.0.1:$redisport'
export LEARN_TEST_PGDIR='$pgdir'
export LEARN_TEST_REDISDIR='$redisdir'
export LEARN_TEST_REDISPORT='$redisport'
export LEARN_TEST_REDIS_CLUSTER='$cluster'
export LEARN_TEST_DURABLE='${LEARN_SERVICES_DURABLE:-0}'
ENV
  echo "PostgreSQL 127.0.0.1:$pgport, Redis 127.0.0.1:$redisport, Redis Cluster ${cluster:-(none)} ($run/env)"
}

stop() {
  [ -f "$run/env" ] || return 0
  # shellcheck disable=SC1091
  source "$run/env"
  as_postgres "$pg_bin/pg_ctl" -D "$LEARN_TEST_PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  redis-cli -p "$LEARN_TEST_REDISPORT" shutdown nosave >/dev/null 2>&1 || true
  local node
  local nodes="${LEARN_TEST_REDIS_CLUSTER:-}" # unset in an env file written before the cluster was added
  for node in ${nodes//,/ }; do redis-cli -p "${node##*:}" shutdown nosave >/dev/null 2>&1 || true; done
  rm -rf "$LEARN_TEST_PGDIR" "$LEARN_TEST_REDISDIR" "$run/env"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
