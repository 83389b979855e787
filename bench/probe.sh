#!/usr/bin/env bash
# Where a request's CPU time goes: runs one of our service's workloads (or the peer's) with wrk and prints, per
# request, the CPU time of the service's JVM, of all PostgreSQL processes and of wrk, from /proc. For comparing a
# change with the code before it while developing; bench/run.sh is the benchmark whose tables go to
# docs/performance.md. It reuses the data of the latest header-mode bench/run.sh run (bench/results/*-header): the
# seeded database todo_bench, its snapshot (restored before each workload) and the files the wrk scripts read.
#
#   bench/probe.sh [--peer DIR] [--seconds N] [WORKLOAD...]     (default: get_one create patch list_1000 mixed)
#
# Environment: JAVA_HOME (a JDK 25), PROBE_JAVA_OPTS (added to scripts/jvm-defaults for ours, to -Xmx1g for the
# peer), PROBE_PORT (18081). PostgreSQL on 127.0.0.1:5432, reachable as postgres without a password, as bench/run.sh
# needs it. The service is started once, warmed up with twice 6 s of every workload, then measured; it is stopped at
# the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
peer="" seconds=10 workloads=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --peer) peer="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) workloads+=("$1"); shift ;;
  esac
done
[[ ${#workloads[@]} -gt 0 ]] || workloads=(get_one create patch list_1000 mixed)
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
port="${PROBE_PORT:-18081}"
results="$(ls -d "$bench"/results/*-header 2>/dev/null | tail -n 1)"
[[ -n "$results" ]] || { echo "probe: no header-mode run in bench/results: run bench/run.sh first" >&2; exit 1; }
restore() { psql -X -q -h 127.0.0.1 -U postgres -d todo_bench -f "$results/restore.sql" >/dev/null; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
pg_ticks() { local t=0 p; for p in $(pgrep -x postgres); do t=$((t + $(ticks "$p" 2>/dev/null || echo 0))); done; echo "$t"; }
hz="$(getconf CLK_TCK)"

if [[ -z "$peer" ]]; then
  data="$results/data-ours"
  # The JVM defaults that ship (scripts/jvm-defaults, as bin/todo and bench/run.sh), then PROBE_JAVA_OPTS.
  read -r -a jvm <<<"$(grep -- '^-' "$root/scripts/jvm-defaults" | tr '\n' ' ')"
  read -r -a jvm_env <<<"$(grep '^[A-Z_][A-Z0-9_]*=' "$root/scripts/jvm-defaults" | tr '\n' ' ')"
  env "${jvm_env[@]}" PORT="$port" TODO_AUTH_MODE=header TODO_TENANT_MAX_TODOS=1000000 \
    TODO_DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/todo_bench?user=todo_bench&password=todo_bench" \
    TODO_TOKEN_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" \
    "$java" "${jvm[@]}" ${PROBE_JAVA_OPTS:-} -jar "$root/todo-app/target/todo.jar" \
    >"$results/probe-ours.log" 2>&1 &
  pid=$!
  probe="/health/readiness"
else
  # The peer seeds deterministic ids (its seed.sh): the files of any run that had the peer fit.
  data="$(ls -d "$bench"/results/*/data-peer 2>/dev/null | tail -n 1)"
  [[ -n "$data" ]] || { echo "probe: no run with the peer in bench/results: run bench/run.sh --peer first" >&2; exit 1; }
  "$java" -Xmx1g ${PROBE_JAVA_OPTS:-} -jar "${TODO_BENCH_PEER_WORKDIR:-/tmp/todo-bench-peer}/peers/spring-todo/target/spring-todo.jar" \
    --server.port="$port" >"$results/probe-peer.log" 2>&1 &
  pid=$!
  probe=""
fi
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  if [[ -n "$probe" ]]; then curl -sf "http://127.0.0.1:$port$probe" >/dev/null && break
  else curl -s -o /dev/null "http://127.0.0.1:$port/" && break; fi
  sleep 0.1
done
cd "$bench/wrk"
run_wrk() { BENCH_DATA="$data" BENCH_SEED=1 wrk -t2 -c32 -d"$2s" -s "$1.lua" "http://127.0.0.1:$port"; }
for _ in 1 2; do for w in get_one create patch list_1000 mixed; do run_wrk "$w" 6 >/dev/null 2>&1 || true; done; done

printf '%-10s %9s %5s %10s %10s %10s %8s\n' workload 'req/s' non2xx 'JVM µs' 'PG µs' 'wrk µs' 'HWM MiB'
for w in "${workloads[@]}"; do
  [[ -n "$peer" ]] || restore   # the peer's table is not restored: its creates accumulate (re-seed with its seed.sh)
  j0="$(ticks "$pid")" p0="$(pg_ticks)"
  out="$( { /usr/bin/time -f '%U %S' -o "$results/probe-wrk.time" bash -c \
    "BENCH_DATA='$data' BENCH_SEED=1 wrk -t2 -c32 -d${seconds}s -s '$w.lua' 'http://127.0.0.1:$port'"; } 2>&1)"
  j1="$(ticks "$pid")" p1="$(pg_ticks)"
  requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
  rps="$(awk '/Requests\/sec/ { print $2 }' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ { print $NF }' <<<"$out")"
  wrk_ticks="$(awk -v hz="$hz" '{ print ($1 + $2) * hz }' "$results/probe-wrk.time")"
  awk -v w="$w" -v rps="$rps" -v bad="${non2xx:-0}" -v n="$requests" -v j=$((j1 - j0)) -v p=$((p1 - p0)) \
      -v k="$wrk_ticks" -v hz="$hz" -v hwm="$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")" \
      'BEGIN { u = 1e6 / hz / n; printf "%-10s %9s %5s %10d %10d %10d %8s\n", w, rps, bad, j * u, p * u, k * u, hwm }'
done
