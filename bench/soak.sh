#!/usr/bin/env bash
# Soak: the mixed workload (80 % get, 10 % create, 10 % patch) against our service for a long time, one wrk run per
# minute back to back, and per minute: requests/s, p50/p99/max latency, errors, and the service's RSS.
#
#   bench/soak.sh [--minutes N] [--connections N] [--data DIR] [--port N]
#
# It needs the database and the data files of a bench/run.sh run (the seeded todo_bench database and its
# data-ours/ folder): by default the newest bench/results/*/data-ours (a jwt run's is turned into header mode). It starts our jar on that database
# (TODO_AUTH_MODE=header, scripts/jvm-defaults and OURS_JAVA_OPTS), warms it up for 30 s, soaks, stops it with SIGTERM and prints one
# table, also written to bench/results/<time>-soak/soak.md. Exit status 1 when any minute had an error, or the
# service did not exit 0.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
minutes=10 connections=32 port=28090 data=""
while (($#)); do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ -z "$data" ]]; then
  data="$(ls -d "$bench"/results/*-header/data-ours "$bench"/results/*-jwt/data-ours 2>/dev/null \
    | sort -t/ -k1 | awk -F/ '{ print $(NF-1) "\t" $0 }' | sort | tail -n 1 | cut -f2 || true)"
fi
[[ -n "$data" && -f "$data/todos.tsv" ]] || { echo "no data-ours folder: run bench/run.sh first, or pass --data" >&2; exit 2; }
out="$bench/results/$(date -u +%Y%m%d-%H%M%S)-soak"
mkdir -p "$out"
# The soak runs in header mode: the data of a jwt run gets its bearer tokens replaced by the tenants' X-User-ID.
if grep -q '^Authorization:' "$data/auth.txt"; then
  cp -r "$data" "$out/data"
  sed 's/^/X-User-ID: /' "$data/users.txt" >"$out/data/auth.txt"
  sed 's/^/X-User-ID: /' "$data/list_user.txt" >"$out/data/list_auth.txt"
  data="$out/data"
fi
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
jar="$root/todo-app/target/todo.jar"
[[ -f "$jar" ]] || { echo "build the jar first: ./mvnw -q package -DskipTests" >&2; exit 2; }

url="http://127.0.0.1:$port"
secret="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"

# The JVM defaults that ship (scripts/jvm-defaults, as bin/todo and bench/run.sh), then OURS_JAVA_OPTS.
read -r -a jvm <<<"$(grep -- '^-' "$root/scripts/jvm-defaults" | tr '\n' ' ')"
read -r -a jvm_env <<<"$(grep '^[A-Z_][A-Z0-9_]*=' "$root/scripts/jvm-defaults" | tr '\n' ' ')"
# shellcheck disable=SC2086
env "${jvm_env[@]}" PORT="$port" TODO_AUTH_MODE=header TODO_TENANT_MAX_TODOS=1000000 TODO_TOKEN_SECRET="$secret" \
  TODO_DATABASE_URL="jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/todo_bench?user=todo_bench&password=todo_bench" \
  "$java" "${jvm[@]}" ${OURS_JAVA_OPTS:-} -jar "$jar" >"$out/service.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "$url/health/readiness" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "the service did not start, see $out/service.log" >&2; exit 2; }
  sleep 0.1
done

rss() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
run() { # SECONDS FILE
  BENCH_DATA="$data" BENCH_SEED="$RANDOM" wrk -t2 -c"$connections" -d"$1s" --timeout 2s \
    -s "$bench/wrk/mixed.lua" "$url" >"$2" 2>&1 || true
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

run 30 "$out/warmup.txt"
table="$out/soak.md"
{
  echo "# soak: mixed workload, wrk -t2 -c$connections, $minutes x 60 s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# ours: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), ${jvm_env[*]} ${jvm[*]} ${OURS_JAVA_OPTS:-}, RSS after warm-up $(rss) MiB"
  echo "| minute | req/s | p50 ms | p99 ms | max ms | errors | RSS MiB |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$table"
failed=0
for m in $(seq 1 "$minutes"); do
  run 60 "$out/minute-$m.txt"
  line="$(grep '^BENCH ' "$out/minute-$m.txt" || true)"
  if [[ -z "$line" ]]; then
    echo "| $m | wrk failed, see $out/minute-$m.txt | | | | | |" | tee -a "$table"; failed=1; continue
  fi
  errors=$(( $(field non2xx "$line") + $(field bad_bodies "$line") + $(field socket_errors "$line") ))
  ((errors == 0)) || failed=1
  printf '| %d | %s | %s | %s | %s | %d | %s |\n' "$m" "$(field rps "$line")" "$(field p50 "$line")" \
    "$(field p99 "$line")" "$(field max "$line")" "$errors" "$(rss)" | tee -a "$table"
done
peak="$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")"
kill -TERM "$pid"
code=0
wait "$pid" || code=$?
trap - EXIT
echo "# peak RSS (VmHWM) $peak MiB; exit status after SIGTERM: $code; load average $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee -a "$table"
((code == 0)) || failed=1
exit "$failed"
