#!/usr/bin/env bash
# The service's benchmark: seeds through our API, runs the wrk workloads against our service and, with --peer,
# against the Spring Boot peer in the same run (alternating, on the same PostgreSQL server), and prints one table.
# See bench/README.md.
#
#   bench/run.sh [--peer DIR] [--auth header|jwt] [--seconds 10] [--warmup 5] [--connections 32] [--threads 2]
#                [--workloads "get_one create patch list_1000 mixed search filter"] [--starts 3] [--aot] [--build]
#                [--no-request-log] [--profile] [--port 28080] [--peer-port 28081] [--pg-host 127.0.0.1]
#                [--pg-port 5432] [--seed-concurrency 16] [--wrk-timeout 2s] [--jar todo-app/target/todo.jar]
#                [--crowds "500 2000"] [--crowd-workloads "get_one mixed"] [--crowd-timeout 10s]
#
# --crowds: after the workloads, each crowd workload again with that many connections per run (--crowds "" for
# none), /health polled on ours meanwhile; the table counts the 5xx answers by error code, so that an answer that
# blames the database can be told from an overload answer, and the peak RSS after the crowds.
#
# --jar runs another build of ours (a copy of an older todo-app/target with its lib/), to compare two builds with
# bench/compare.sh.
#
# search and filter run against ours only (the peer has neither); their rows have no peer columns.
#
# Exit status: 0 when every measured workload had no error, 1 when one had (non-2xx, socket error, wrong list
# count), 2 when the harness itself could not run. Missed targets are reported, not turned into a failure.
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "bench: $*" >&2; exit 2; }
say() { echo "[$(date +%T)] $*" >&2; }

peer_src="" auth=header seconds=10 warmup=5 connections=32 threads=2 starts=3 aot=0 build=0 request_log="" profile=0
workloads="get_one create patch list_1000 mixed search filter" port=28080 peer_port=28081 jar=""
pg_host="${PGHOST:-127.0.0.1}" pg_port="${PGPORT:-5432}" seed_concurrency=16 wrk_timeout=2s
crowds="500 2000" crowd_workloads="get_one mixed" crowd_timeout=10s
while (( $# )); do
  case "$1" in
    --peer) peer_src="${2:?}"; shift ;;
    --auth) auth="${2:?}"; shift ;;
    --seconds) seconds="${2:?}"; shift ;;
    --warmup) warmup="${2:?}"; shift ;;
    --connections) connections="${2:?}"; shift ;;
    --threads) threads="${2:?}"; shift ;;
    --workloads) workloads="${2:?}"; shift ;;
    --starts) starts="${2:?}"; shift ;;
    --aot) aot=1 ;;
    --build) build=1 ;;
    --no-request-log) request_log=OFF ;;
    --profile) profile=1 ;;
    --port) port="${2:?}"; shift ;;
    --peer-port) peer_port="${2:?}"; shift ;;
    --pg-host) pg_host="${2:?}"; shift ;;
    --pg-port) pg_port="${2:?}"; shift ;;
    --seed-concurrency) seed_concurrency="${2:?}"; shift ;;
    --wrk-timeout) wrk_timeout="${2:?}"; shift ;;
    --crowds) crowds="${2?}"; shift ;;
    --crowd-workloads) crowd_workloads="${2:?}"; shift ;;
    --crowd-timeout) crowd_timeout="${2:?}"; shift ;;
    --jar) jar="$(readlink -f "${2:?}")"; shift ;;
    -h|--help) usage ;;
    *) echo "bench: unknown option $1" >&2; usage ;;
  esac
  shift
done
[[ "$auth" == header || "$auth" == jwt ]] || die "--auth must be header or jwt"
for n in "$seconds" "$warmup" "$connections" "$threads" "$starts" "$port" "$peer_port"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "not a number: $n"
done
(( starts >= 1 )) || die "--starts must be at least 1"
read -r -a workloads <<<"$workloads"
read -r -a crowds <<<"$crowds"
read -r -a crowd_workloads <<<"$crowd_workloads"
for n in "${crowds[@]}"; do [[ "$n" =~ ^[0-9]+$ ]] || die "not a number of connections: $n"; done
# 2,000 connections need as many descriptors for wrk (and the services, which the JVM raises to the hard limit).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# Workloads the peer cannot serve: issue 17's search and filters, issue 19's MCP.
ours_only=" search filter mcp_get_one "
serves() { [[ "$1" == ours || "$ours_only" != *" $2 "* ]]; } # SERVICE WORKLOAD
for w in "${workloads[@]}" "${crowd_workloads[@]}"; do [[ -f "$bench/wrk/$w.lua" ]] || die "unknown workload $w"; done

for tool in wrk psql curl awk; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install wrk postgresql-client curl); see bench/README.md"
done
# A JDK 25: JAVA_HOME, else Temurin 25 where Debian puts it, else java on the PATH.
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[[ -z "${JAVA_HOME:-}" ]] && export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
"$java" -version 2>&1 | grep -q 'version "\(2[5-9]\|[3-9][0-9]\)' || die "needs a JDK 25 or later (set JAVA_HOME)"
export PATH="$JAVA_HOME/bin:$PATH"

out="$bench/results/$(date -u +%Y%m%d-%H%M%S)-$auth"
mkdir -p "$out"
exec > >(tee -a "$out/run.log") 2> >(tee -a "$out/run.log" >&2)
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before="$(load)"
say "results in $out (load average $load_before)"

# --- our service ---------------------------------------------------------------------------------------------
if [[ -n "$jar" ]]; then
  [[ -f "$jar" ]] || die "no such jar: $jar"
else
  jar="$root/todo-app/target/todo.jar"
  if (( build )) || [[ ! -f "$jar" ]]; then
    say "building todo-app (./mvnw -q package -DskipTests)"
    (cd "$root" && ./mvnw -o -q package -DskipTests) || (cd "$root" && ./mvnw -q package -DskipTests) \
      || die "the build failed"
  fi
fi

# The PostgreSQL superuser, for the database, the role and the snapshot: over TCP if it lets us in, else as the
# postgres system user over the local socket.
admin=(psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U postgres -d postgres)
if ! PGCONNECT_TIMEOUT=5 "${admin[@]}" -c 'SELECT 1' >/dev/null 2>&1; then
  admin=(runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$pg_port" -d postgres)
  "${admin[@]}" -c 'SELECT 1' >/dev/null 2>&1 \
    || die "cannot reach PostgreSQL as postgres on $pg_host:$pg_port (see bench/README.md)"
fi
sql() { (cd / && "${admin[@]}" "$@"); }

db=todo_bench role=todo_bench
say "database $db owned by role $role (neither superuser nor BYPASSRLS, so row-level security applies)"
sql <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN PASSWORD '$role' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END \$\$;
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db OWNER $role;
SQL
[[ "$(sql -At -c "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = '$role'")" == f ]] \
  || die "role $role is a superuser or has BYPASSRLS: row-level security would not apply"

ours_url="http://127.0.0.1:$port"
# The JVM defaults that ship (bin/todo, the image): scripts/jvm-defaults' options, and its environment variables
# unless set here already; OURS_JAVA_OPTS comes after them.
read -r -a ours_jvm <<<"$(grep -- '^-' "$root/scripts/jvm-defaults" | tr '\n' ' ')"
ours_jvm_env=()
while IFS='=' read -r name value; do
  [[ -n "${!name:-}" ]] || ours_jvm_env+=("$name=$value")
done < <(grep '^[A-Z_][A-Z0-9_]*=' "$root/scripts/jvm-defaults")
ours_env=("${ours_jvm_env[@]}" PORT="$port" TODO_AUTH_MODE="$auth" TODO_TENANT_MAX_TODOS=1000000
  TODO_DATABASE_URL="jdbc:postgresql://$pg_host:$pg_port/$db?user=$role&password=$role"
  TODO_TOKEN_SECRET="$(head -c 48 /dev/urandom | base64 -w0)")
if [[ "$auth" == jwt ]]; then
  jwt_secret="$(head -c 48 /dev/urandom | base64 -w0)"
  ours_env+=(TODO_AUTH_JWT_SECRET="$jwt_secret")
fi
[[ -n "$request_log" ]] && ours_env+=(TODO_REQUEST_LOG="$request_log")
ours_pid="" ours_log=""

port_free() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$1/" || true)" == 000 ]]; }

now_ms() { echo $(( ${EPOCHREALTIME/[.,]/} / 1000 )); }

# probe PORT PATH HEADER: 0 when GET PATH answers 200. Bash's /dev/tcp, not curl: polling every 10 ms must not take
# CPU from the starting JVM on a 2-core machine (a curl process per probe would).
probe() {
  local status=""
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\nConnection: close\r\n\r\n' "$2" "$3" >&3
  read -r -t 2 _ status _ <&3 || true
  exec 3<&- 3>&-
  [[ "$status" == 200 ]]
}

# wait_ready PORT PATH PID [HEADER]: probes every 10 ms until the answer is 200; prints the time of that answer (ms).
wait_ready() {
  local port="$1" path="$2" pid="$3" header="${4:-X-Probe: 1}" deadline=$(( ${EPOCHREALTIME/[.,]/} + 180000000 ))
  while (( ${EPOCHREALTIME/[.,]/} < deadline )); do
    if probe "$port" "$path" "$header"; then
      now_ms; return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.01
  done
  return 1
}

# start_ours NAME [JVM options...]: starts our service and waits for readiness; start_ms_last = milliseconds from
# launch to the first 200 of /health/readiness.
start_ms_last=0
start_ours() {
  local name="$1" t0 t1 attempt status; shift
  for attempt in 1 2 3; do
    port_free "$port" || die "port $port is taken: pick another with --port"
    ours_log="$out/ours-$name.log"
    t0="$(now_ms)"
    # shellcheck disable=SC2086
    env "${ours_env[@]}" "$java" "${ours_jvm[@]}" ${OURS_JAVA_OPTS:-} "$@" -jar "$jar" >"$ours_log" 2>&1 &
    ours_pid=$!
    if t1="$(wait_ready "$port" /health/readiness "$ours_pid")"; then
      start_ms_last=$(( t1 - t0 ))
      return 0
    fi
    status=running
    if ! kill -0 "$ours_pid" 2>/dev/null; then
      wait "$ours_pid" && status=0 || status=$?
    fi
    ours_pid=""
    # 143 and 137 are SIGTERM and SIGKILL from outside, before the service could take a signal gracefully:
    # something else on a shared machine did it (seen twice while this harness was written). Such a start is tried
    # again.
    if [[ "$status" == 143 || "$status" == 137 ]] && (( attempt < 3 )); then
      echo "bench: our service was killed by signal $(( status - 128 )) from outside while starting ($name); starting again" >&2
      mv "$ours_log" "$out/ours-$name.killed-$attempt.log"
      continue
    fi
    die "our service did not become ready (exit status: $status), see $ours_log"
  done
}

# Stops our service with SIGTERM, as an operator would, and waits for it to exit.
stop_ours() {
  [[ -n "$ours_pid" ]] || return 0
  # Only our own JVM: if it died by itself its pid may since belong to another process.
  if tr '\0' ' ' <"/proc/$ours_pid/cmdline" 2>/dev/null | grep -qF -- "-jar $jar"; then
    kill -TERM "$ours_pid" 2>/dev/null || true
    for _ in $(seq 1 1200); do kill -0 "$ours_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$ours_pid" 2>/dev/null; then
      echo "bench: our service (pid $ours_pid) ignored SIGTERM for 120 s; killing it" >&2
      kill -KILL "$ours_pid" 2>/dev/null || true
    fi
  fi
  wait "$ours_pid" 2>/dev/null || true
  ours_pid=""
}

# --- the peer ------------------------------------------------------------------------------------------------
peer="" peer_started=0 peer_log="" peer_name=""
if [[ -n "$peer_src" ]]; then
  peer_src="$(cd "$peer_src" && pwd)" || die "no such peer folder: $peer_src"
  [[ -x "$peer_src/peers/spring-todo/peer.sh" && -f "$peer_src/seed.sh" ]] \
    || die "$peer_src has no peers/spring-todo/peer.sh and seed.sh: pass the shared bench folder"
  # Never written to (peer.sh builds into it, seed.sh writes data/ there): the peer runs from a copy, kept between
  # runs so that its jar is built once, and refreshed when the folder changes.
  peer="${TODO_BENCH_PEER_WORKDIR:-${TMPDIR:-/tmp}/todo-bench-peer}"
  if ! diff -rq --exclude=target --exclude=data --exclude=results "$peer_src" "$peer" >/dev/null 2>&1; then
    say "copying the peer folder to $peer"
    if [[ -e "$peer" ]]; then
      [[ -f "$peer/peers/spring-todo/peer.sh" ]] || die "$peer exists and is not a copy of a peer folder: remove it"
      rm -rf "$peer"
    fi
    cp -r "$peer_src" "$peer" && chmod -R u+w "$peer"
  fi
  peer_sh="$peer/peers/spring-todo/peer.sh"
  [[ -f "$peer/peers/spring-todo/target/spring-todo.jar" ]] || { say "building the peer"; "$peer_sh" build; }
  export PGHOST="$pg_host" PGPORT="$pg_port"
  if ! PGUSER=bench PGPASSWORD=bench PGDATABASE=bench psql -X -At -c 'SELECT 1 FROM todo LIMIT 1' >/dev/null 2>&1; then
    say "setting up the peer's database with its setup-pg.sh"
    "$peer/setup-pg.sh"
  fi
fi
peer_url="http://127.0.0.1:$peer_port"
peer_probe="" peer_probe_header=""

start_peer() { # NAME [JAVA_OPTS]: starts the peer with its peer.sh and waits for readiness; sets start_ms_last
  local name="$1" opts="${2:--Xmx1g}" t0 t1 pid
  port_free "$peer_port" || die "port $peer_port is taken: pick another with --peer-port"
  local pidfile="$peer/peers/spring-todo/target/run/pid"
  if [[ -f "$pidfile" ]]; then
    kill -0 "$(cat "$pidfile")" 2>/dev/null && die "the peer is already running (pid $(cat "$pidfile")): stop it first"
    rm -f "$pidfile"
  fi
  t0="$(now_ms)"
  PORT="$peer_port" JAVA_OPTS="$opts" "$peer_sh" start >"$out/peer-$name.start" 2>&1 &
  local starter=$!
  peer_started=1
  for _ in $(seq 1 500); do [[ -s "$pidfile" ]] && break; sleep 0.01; done
  pid="$(cat "$pidfile" 2>/dev/null || echo "$starter")"
  t1="$(wait_ready "$peer_port" "$peer_probe" "$pid" "$peer_probe_header")" \
    || die "the peer did not become ready, see $out/peer-$name.start and $peer/peers/spring-todo/target/run/app.log"
  wait "$starter" || die "peer.sh start failed, see $out/peer-$name.start"
  peer_log="$peer/peers/spring-todo/target/run/app.log" peer_name="$name"
  start_ms_last=$(( t1 - t0 ))
}

stop_peer() {
  (( peer_started )) || return 0
  local pid
  pid="$(cat "$peer/peers/spring-todo/target/run/pid" 2>/dev/null || true)"
  "$peer_sh" stop >/dev/null 2>&1 || true
  cp "$peer_log" "$out/peer-$peer_name.log" 2>/dev/null || true
  # peer.sh waits 30 s; a JVM writing an AOT cache at exit may take longer.
  if [[ -n "$pid" ]]; then
    for _ in $(seq 1 1200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  peer_started=0
}

cleanup() { stop_ours; [[ -n "$peer" ]] && stop_peer; true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- data ----------------------------------------------------------------------------------------------------
ours_data="$out/data-ours" peer_data="$out/data-peer"

say "first start of our service (applies the schema)"
start_ours first
# The plan tenant only when a workload reads it: a build without issue 17's members can then still be measured.
plan_todos=0
[[ " ${workloads[*]} " == *" search "* || " ${workloads[*]} " == *" filter "* ]] && plan_todos=10000
seeded=$((101000 + plan_todos))
say "seeding through our API: 1,000 tenants x 100 todos + one tenant with 1,000 + one with $plan_todos planned ($seed_concurrency connections)"
env ${jwt_secret:+TODO_AUTH_JWT_SECRET="$jwt_secret"} "$java" "$bench/Seeder.java" seed --base "$ours_url" \
  --out "$ours_data" --auth "$auth" --concurrency "$seed_concurrency" --plan-todos "$plan_todos" 2>&1 | tee "$out/seed.log" >&2
[[ "${PIPESTATUS[0]}" == 0 && -s "$ours_data/todos.tsv" ]] || die "seeding failed, see $out/seed.log and $ours_log"

list_count() { # URL HEADER -> the "count" of the list
  curl -s --max-time 10 -H "$2" "$1/api/v1/todos" | sed -n 's/.*"count"[[:space:]]*:[[:space:]]*\([0-9]*\).*/\1/p'
}
[[ "$(wc -l <"$ours_data/todos.tsv")" == 100000 ]] || die "expected 100,000 seeded todos in $ours_data/todos.tsv"
[[ "$(list_count "$ours_url" "$(cat "$ours_data/list_auth.txt")")" == 1000 ]] \
  || die "the list tenant does not have 1,000 todos"
if [[ "$auth" == jwt ]]; then
  # The jar's own token command must agree with the tokens the seeder computed, and a bare header must not pass.
  list_user="$(cat "$ours_data/list_user.txt")"
  # The last line: logback may print its own status lines to stdout before the token.
  cli_token="$(TODO_AUTH_JWT_SECRET="$jwt_secret" "$java" -jar "$jar" token --sub "$list_user" --ttl 12h | tail -n 1)"
  [[ "$(list_count "$ours_url" "Authorization: Bearer $cli_token")" == 1000 ]] \
    || die "a token from 'todo.jar token' was not accepted"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "X-User-ID: $list_user" "$ours_url/api/v1/todos")" == 401 ]] \
    || die "jwt mode accepted a bare X-User-ID"
fi
[[ "$(sql -d "$db" -At -c 'SELECT count(*) FROM public.todo')" == "$seeded" ]] \
  || die "expected exactly $seeded todos after seeding (a create retried after a 503 may have been done twice)"
stop_ours

# The seeded state is kept in schema bench_snapshot (the service's role cannot see it) and restored before every
# measured workload, the way the peer's seed.sh re-seeds its table: truncate, insert in (tenant, created_at, id)
# order, vacuum, analyze, checkpoint. Inserting in that order gives our table the physical layout of the peer's.
tables="$(sql -d "$db" -At -c "SELECT string_agg(quote_ident(tablename), ' ' ORDER BY tablename) FROM pg_tables
  WHERE schemaname = 'public' AND tablename NOT LIKE 'databasechangelog%'")"
[[ " $tables " == *" todo "* ]] || die "no todo table in $db"
{
  echo "DROP SCHEMA IF EXISTS bench_snapshot CASCADE; CREATE SCHEMA bench_snapshot;"
  for t in $tables; do echo "CREATE TABLE bench_snapshot.$t AS TABLE public.$t;"; done
} | sql -d "$db"
{
  echo "BEGIN;"
  echo "TRUNCATE $(sed 's/\([^ ]*\)/public.\1/g; s/ /, /g' <<<"$tables");"
  for t in $tables; do
    order=""
    [[ "$t" == todo ]] && order=" ORDER BY user_id, created_at, id"
    echo "INSERT INTO public.$t SELECT * FROM bench_snapshot.$t$order;"
  done
  echo "COMMIT;"
  echo "VACUUM (ANALYZE) $(sed 's/\([^ ]*\)/public.\1/g; s/ /, /g' <<<"$tables");"
  echo "CHECKPOINT;"
} >"$out/restore.sql"
reseed_ours() { sql -d "$db" -f "$out/restore.sql"; }
reseed_ours
[[ "$(sql -d "$db" -At -c 'SELECT count(*) FROM public.todo')" == "$seeded" ]] || die "expected $seeded todos after the restore"

if [[ -n "$peer" ]]; then
  say "seeding the peer with its seed.sh"
  "$peer/seed.sh"
  # The peer's own ids, in the files our workloads read; the peer has no auth, so X-User-ID in every mode.
  mkdir -p "$peer_data"
  awk '{ print "X-User-ID: " $1 }' "$peer/data/users.txt" >"$peer_data/auth.txt"
  awk 'NR == FNR { line[$1] = FNR; next } { print line[$1] "\t" $2 }' "$peer/data/users.txt" "$peer/data/todos.tsv" \
    >"$peer_data/todos.tsv"
  awk '{ print "X-User-ID: " $1 }' "$peer/data/list_user.txt" >"$peer_data/list_auth.txt"
  [[ "$(wc -l <"$peer_data/todos.tsv")" == 100000 ]] || die "expected 100,000 todos in the peer's data"
  first_todo="$(head -n1 "$peer/data/todos.tsv")"
  # The peer has no health endpoint: it is ready when it serves a seeded todo (which needs the database).
  peer_probe="/api/v1/todos/$(cut -f2 <<<"$first_todo")" peer_probe_header="X-User-ID: $(cut -f1 <<<"$first_todo")"
fi

# --- wrk -----------------------------------------------------------------------------------------------------
run_wrk() { # SERVICE WORKLOAD SECONDS FILE [CONNECTIONS TIMEOUT]
  local url="$ours_url" data="$ours_data"
  [[ "$1" == peer ]] && url="$peer_url" data="$peer_data"
  BENCH_DATA="$data" BENCH_SEED=1 wrk -t"$threads" -c"${5:-$connections}" -d"$3s" --timeout "${6:-$wrk_timeout}" \
    -s "$bench/wrk/$2.lua" "$url" >"$4" 2>&1 || true
}

# --- start to healthy ----------------------------------------------------------------------------------------
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
declare -A start_ms=()

# train SERVICE: a training run that writes the JDK's AOT cache when the JVM exits (-XX:AOTCacheOutput, JDK 25).
train() {
  say "training an AOT cache for $1"
  if [[ "$1" == ours ]]; then
    start_ours aot-training -XX:AOTCacheOutput="$out/ours.aot"
  else
    start_peer aot-training "-Xmx1g -XX:AOTCacheOutput=$out/peer.aot"
  fi
  run_wrk "$1" mixed 3 "$out/aot-training-$1-mixed.txt"
  run_wrk "$1" list_1000 2 "$out/aot-training-$1-list.txt"
  if [[ "$1" == ours ]]; then stop_ours; else stop_peer; fi
  [[ -s "$out/$1.aot" ]] || { echo "bench: no AOT cache was written for $1" >&2; return 1; }
}

measure_starts() { # SERVICE: each start is stopped again, so that every start has the machine to itself
  local s i ms
  if (( aot )); then
    train "$1" || true
    if [[ -s "$out/$1.aot" ]]; then
      for (( i = 1; i <= starts; i++ )); do
        if [[ "$1" == ours ]]; then start_ours "aot-$i" -XX:AOTCache="$out/ours.aot"; stop_ours
        else start_peer "aot-$i" "-Xmx1g -XX:AOTCache=$out/peer.aot"; stop_peer; fi
        ms="$start_ms_last"
        say "$1 start to healthy with the AOT cache: $ms ms"
        s+="$ms "
      done
      start_ms[$1-aot]="$(tr ' ' '\n' <<<"$s" | grep . | median)"
      start_ms[$1-aot-all]="$s"
      s=""
    fi
  fi
  for (( i = 1; i <= starts; i++ )); do
    if [[ "$1" == ours ]]; then start_ours "start-$i"; stop_ours; else start_peer "start-$i"; stop_peer; fi
    ms="$start_ms_last"
    say "$1 start to healthy: $ms ms"
    s+="$ms "
  done
  start_ms[$1]="$(tr ' ' '\n' <<<"$s" | grep . | median)"
  start_ms[$1-all]="$s"
}

services=(ours)
[[ -n "$peer" ]] && services+=(peer)
for s in "${services[@]}"; do measure_starts "$s"; done
# The instances that serve the workloads (not timed). With --profile, ours records a JFR profile until it stops.
profile_opts=()
(( profile )) && profile_opts=(-XX:StartFlightRecording=filename="$out/ours.jfr",settings=profile,dumponexit=true)
start_ours serve "${profile_opts[@]}"
[[ -n "$peer" ]] && start_peer serve

# --- warm-up and the measured workloads ----------------------------------------------------------------------
if (( warmup > 0 )); then
  for s in "${services[@]}"; do
    say "warming $s up: ${warmup} s of each workload (not measured; its writes are undone by the re-seed)"
    for w in "${workloads[@]}"; do serves "$s" "$w" && run_wrk "$s" "$w" "$warmup" "$out/warmup-$s-$w.txt"; done
  done
fi

reseed() { if [[ "$1" == ours ]]; then reseed_ours; else "$peer/seed.sh"; fi; }
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$1"; }
declare -A rps=() p50=() p99=() err=()
failed=0
i=0
for w in "${workloads[@]}"; do
  # Alternate who goes first (ours, peer / peer, ours / ...), so neither always runs on a just-checkpointed server.
  order=("${services[@]}")
  (( i % 2 == 1 && ${#services[@]} == 2 )) && order=(peer ours)
  i=$(( i + 1 ))
  for s in "${order[@]}"; do
    serves "$s" "$w" || continue
    reseed "$s" >/dev/null
    say "$w on $s: ${seconds} s, $threads threads, $connections connections"
    file="$out/$s-$w.txt"
    run_wrk "$s" "$w" "$seconds" "$file"
    if ! grep -q '^BENCH ' "$file"; then
      echo "bench: wrk failed for $w on $s, see $file" >&2
      rps[$s-$w]=- p50[$s-$w]=- p99[$s-$w]=- err[$s-$w]=?
      failed=1
      continue
    fi
    rps[$s-$w]="$(field "$file" rps)" p50[$s-$w]="$(field "$file" p50)" p99[$s-$w]="$(field "$file" p99)"
    err[$s-$w]=$(( $(field "$file" non2xx) + $(field "$file" bad_bodies) + $(field "$file" socket_errors) ))
    if (( ${err[$s-$w]} > 0 )); then
      failed=1
      echo "bench: $w on $s: $(field "$file" non2xx) non-2xx ($(field "$file" statuses)), $(field "$file" bad_bodies) bad bodies, $(field "$file" socket_errors) socket errors" >&2
    fi
  done
done

# --- memory --------------------------------------------------------------------------------------------------
declare -A hwm=() rss=()
kib_to_mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
measure_memory() { # SUFFIX: the peak and current RSS of both services now
  hwm[ours$1]="$(kib_to_mib "$(awk '/^VmHWM:/ { print $2 }' "/proc/$ours_pid/status")")"
  rss[ours$1]="$(kib_to_mib "$(awk '/^VmRSS:/ { print $2 }' "/proc/$ours_pid/status")")"
  if [[ -n "$peer" ]]; then
    line="$("$peer_sh" rss)"
    hwm[peer$1]="$(sed -n 's/.*VmHWM=\([0-9.]*\)MiB.*/\1/p' <<<"$line")"
    rss[peer$1]="$(sed -n 's/.*VmRSS=\([0-9.]*\)MiB.*/\1/p' <<<"$line")"
  fi
}
measure_memory ""

# --- crowds: many connections at once ------------------------------------------------------------------------
# Each crowd workload with each crowd's connections, on both services, re-seeded before each run; ours has /health
# polled twice a second meanwhile (a health check that fails under load would get a replica restarted).
declare -A codes=() health_bad=() health_all=()
for c in "${crowds[@]}"; do
  for w in "${crowd_workloads[@]}"; do
    for s in "${services[@]}"; do
      serves "$s" "$w" || continue
      reseed "$s" >/dev/null
      say "$w on $s with $c connections: ${seconds} s"
      file="$out/$s-$w-c$c.txt" k="$s-$w@$c"
      poller=""
      if [[ "$s" == ours ]]; then
        ( while :; do curl -s -o /dev/null -w '%{http_code}\n' --max-time 2 "$ours_url/health" || true; sleep 0.5; done ) \
          >"$out/health-$w-c$c.txt" 2>/dev/null &
        poller=$!
      fi
      run_wrk "$s" "$w" "$seconds" "$file" "$c" "$crowd_timeout"
      [[ -n "$poller" ]] && { kill "$poller" 2>/dev/null; wait "$poller" 2>/dev/null || true; }
      if ! grep -q '^BENCH ' "$file"; then
        echo "bench: wrk failed for $w with $c connections on $s, see $file" >&2
        rps[$k]=- p50[$k]=- p99[$k]=- err[$k]=? codes[$k]=?
        failed=1
        continue
      fi
      rps[$k]="$(field "$file" rps)" p50[$k]="$(field "$file" p50)" p99[$k]="$(field "$file" p99)"
      err[$k]=$(( $(field "$file" non2xx) + $(field "$file" bad_bodies) + $(field "$file" socket_errors) ))
      codes[$k]="$(field "$file" codes)"
      if [[ "$s" == ours ]]; then
        health_all[$k]="$(grep -c . "$out/health-$w-c$c.txt" || true)"
        health_bad[$k]="$(grep -vc '^200$' "$out/health-$w-c$c.txt" || true)"
      fi
      if (( ${err[$k]} > 0 )); then
        # Reported, not a failure of the run: under a crowd an overload answer may be the right one.
        echo "bench: $w on $s with $c connections: $(field "$file" non2xx) non-2xx ($(field "$file" statuses); 5xx codes ${codes[$k]}), $(field "$file" socket_errors) socket errors" >&2
      fi
    done
  done
done
(( ${#crowds[@]} )) && measure_memory "-crowds"
load_after="$(load)"

# --- the table -----------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }
row() { printf '| %-24s | %10s | %7s | %7s | %4s | %10s | %7s | %7s | %4s | %5s |\n' "$@"; }
{
  echo "# $(date -u +%FT%TZ), $(nproc) cores, load average $load_before before, $load_after after"
  echo "# wrk -t$threads -c$connections -d${seconds}s (warm-up ${warmup} s per workload), $seeded seeded todos, re-seeded before each workload; search and filter: ours only"
  peer_desc=none
  [[ -n "$peer" ]] && peer_desc="Spring Boot peer from $peer_src, X-User-ID (it has no auth), -Xmx1g"
  echo "# ours: $jar ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') checked out), TODO_AUTH_MODE=$auth${request_log:+, TODO_REQUEST_LOG=$request_log}, ${ours_jvm_env[*]:+${ours_jvm_env[*]} }${ours_jvm[*]}${OURS_JAVA_OPTS:+ $OURS_JAVA_OPTS}${profile_opts[*]:+, with a JFR profile}; peer: $peer_desc"
  row workload 'ours req/s' 'p50 ms' 'p99 ms' err 'peer req/s' 'p50 ms' 'p99 ms' err ratio
  echo "|--------------------------|-----------:|--------:|--------:|-----:|-----------:|--------:|--------:|-----:|------:|"
  for w in "${workloads[@]}"; do
    if [[ -n "$peer" ]] && serves peer "$w"; then
      row "$w" "${rps[ours-$w]}" "${p50[ours-$w]}" "${p99[ours-$w]}" "${err[ours-$w]}" \
        "${rps[peer-$w]}" "${p50[peer-$w]}" "${p99[peer-$w]}" "${err[peer-$w]}" "$(ratio "${rps[ours-$w]}" "${rps[peer-$w]}")"
    else
      row "$w" "${rps[ours-$w]}" "${p50[ours-$w]}" "${p99[ours-$w]}" "${err[ours-$w]}" '' '' '' '' ''
    fi
  done
  for c in "${crowds[@]}"; do
    for w in "${crowd_workloads[@]}"; do
      k="$w@$c"
      row "$w, $c connections" "${rps[ours-$k]}" "${p50[ours-$k]}" "${p99[ours-$k]}" "${err[ours-$k]}" \
        "${rps[peer-$k]:-}" "${p50[peer-$k]:-}" "${p99[peer-$k]:-}" "${err[peer-$k]:-}" "$(ratio "${rps[ours-$k]}" "${rps[peer-$k]:-}")"
    done
  done
  row "start to healthy, ms" "${start_ms[ours]}" '' '' '' "${start_ms[peer]:-}" '' '' '' "$(ratio "${start_ms[ours]}" "${start_ms[peer]:-}")"
  if (( aot )); then
    row "start, AOT cache, ms" "${start_ms[ours-aot]:-}" '' '' '' "${start_ms[peer-aot]:-}" '' '' '' \
      "$(ratio "${start_ms[ours-aot]:-}" "${start_ms[peer-aot]:-}")"
  fi
  row "peak RSS (VmHWM), MiB" "${hwm[ours]}" '' '' '' "${hwm[peer]:-}" '' '' '' "$(ratio "${hwm[ours]}" "${hwm[peer]:-}")"
  echo "# start to healthy: median of $starts starts (each alone on the machine), launch to the first 200 (ours: /health/readiness; peer: a GET of a seeded todo); all: ours ${start_ms[ours-all]}${peer:+, peer ${start_ms[peer-all]:-}}"
  (( aot )) && echo "# with the AOT cache, all: ours ${start_ms[ours-aot-all]:-none}${peer:+, peer ${start_ms[peer-aot-all]:-none}}"
  echo "# RSS now: ours ${rss[ours]} MiB${peer:+, peer ${rss[peer]:-} MiB}; ratio = ours/peer (higher is better for req/s, lower for ms and MiB)"
  if (( ${#crowds[@]} )); then
    echo "# crowds (wrk -t$threads, ${seconds} s, --timeout $crowd_timeout): 5xx answers by error code, and /health on ours (not 200 / polls):"
    for c in "${crowds[@]}"; do
      for w in "${crowd_workloads[@]}"; do
        k="$w@$c"
        echo "#   $w, $c connections: ours ${codes[ours-$k]} (health ${health_bad[ours-$k]:-?}/${health_all[ours-$k]:-?})${peer:+, peer ${codes[peer-$k]:-}}"
      done
    done
    echo "# peak RSS after the crowds: ours ${hwm[ours-crowds]} MiB${peer:+, peer ${hwm[peer-crowds]:-} MiB} (RSS now: ours ${rss[ours-crowds]} MiB${peer:+, peer ${rss[peer-crowds]:-} MiB})"
  fi

  echo "# targets (ours):"
  check() { # TEXT OK VALUE
    printf '#   %-44s %-4s %s\n' "$1" "$([[ "$2" == 1 ]] && echo ok || echo MISS)" "$3"
  }
  for w in "${workloads[@]}"; do
    if [[ -n "$peer" ]] && serves peer "$w"; then
      r="$(ratio "${rps[ours-$w]}" "${rps[peer-$w]}")"
      check "$w: >= 1.5x the peer's req/s" "$(awk -v r="$r" 'BEGIN { print (r != "-" && r >= 1.5) }')" "${r}x"
    fi
    check "$w: no errors" "$([[ "${err[ours-$w]}" == 0 ]] && echo 1 || echo 0)" "${err[ours-$w]}"
  done
  if [[ -n "${p99[ours-list_1000]:-}" ]]; then
    check "list_1000: p99 < 50 ms" "$(awk -v p="${p99[ours-list_1000]}" 'BEGIN { print (p != "-" && p < 50) }')" "${p99[ours-list_1000]} ms"
  fi
  check "start to healthy < 2000 ms" "$(( ${start_ms[ours]} < 2000 ))" "${start_ms[ours]} ms"
  if (( aot )); then
    check "start with an AOT cache < 1000 ms" "$(( ${start_ms[ours-aot]:-99999} < 1000 ))" "${start_ms[ours-aot]:-none} ms"
  fi
  check "peak RSS < 200 MiB" "$(awk -v m="${hwm[ours]}" 'BEGIN { print (m < 200) }')" "${hwm[ours]} MiB"
  for c in "${crowds[@]}"; do
    for w in "${crowd_workloads[@]}"; do
      k="$w@$c"
      blamed="$(tr ',' '\n' <<<"${codes[ours-$k]}" | sed -n 's/^SERVICE_UNAVAILABLEx//p')"
      check "$w, $c connections: no 503 blaming the database" "$([[ -z "$blamed" && "${codes[ours-$k]}" != '?' ]] && echo 1 || echo 0)" "${blamed:-0}"
      check "$w, $c connections: /health stayed 200" "$([[ "${health_bad[ours-$k]:-1}" == 0 ]] && echo 1 || echo 0)" "${health_bad[ours-$k]:-?} not 200"
      if [[ -n "$peer" ]]; then
        r="$(ratio "${rps[ours-$k]}" "${rps[peer-$k]:-}")"
        check "$w, $c connections: >= the peer's req/s" "$(awk -v r="$r" 'BEGIN { print (r != "-" && r >= 1) }')" "${r}x"
      fi
    done
  done
  if (( ${#crowds[@]} )) && [[ -n "$peer" ]]; then
    check "peak RSS after the crowds < the peer's" "$(awk -v a="${hwm[ours-crowds]}" -v b="${hwm[peer-crowds]}" 'BEGIN { print (a + 0 > 0 && a < b) }')" \
      "${hwm[ours-crowds]} : ${hwm[peer-crowds]} MiB"
  fi
  if [[ -n "$peer" ]]; then
    # The same three targets as ratios to the peer in this run: the issue set them against its peer's 2.4 s start
    # and 412 MiB on its machine, and absolute figures move with the machine (a start took 2.4 s on one of these
    # 2-core machines and 5.6 s on another).
    below() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { print (a + 0 > 0 && b + 0 > 0 && a / b < t) }'; }
    check "start < 0.83x the peer's (2 s : 2.4 s)" "$(below "${start_ms[ours]}" "${start_ms[peer]}" 0.833)" \
      "$(ratio "${start_ms[ours]}" "${start_ms[peer]}")x"
    if (( aot )); then
      check "AOT start < 0.42x the peer's start (1 s : 2.4 s)" \
        "$(below "${start_ms[ours-aot]:-0}" "${start_ms[peer]}" 0.417)" "$(ratio "${start_ms[ours-aot]:-}" "${start_ms[peer]}")x"
    fi
    check "peak RSS < 0.49x the peer's (200 : 412 MiB)" "$(below "${hwm[ours]}" "${hwm[peer]}" 0.485)" \
      "$(ratio "${hwm[ours]}" "${hwm[peer]}")x"
  fi
} >"$out/table.md"
cat "$out/table.md"

# One line per measurement, for whoever writes it up.
{
  printf 'service\tworkload\trps\tp50_ms\tp99_ms\terrors\n'
  for s in "${services[@]}"; do
    for w in "${workloads[@]}"; do serves "$s" "$w" && printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$w" "${rps[$s-$w]}" "${p50[$s-$w]}" "${p99[$s-$w]}" "${err[$s-$w]}"; done
    for c in "${crowds[@]}"; do
      for w in "${crowd_workloads[@]}"; do
        serves "$s" "$w" && printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$w@$c" "${rps[$s-$w@$c]}" "${p50[$s-$w@$c]}" "${p99[$s-$w@$c]}" "${err[$s-$w@$c]}"
      done
    done
  done
} >"$out/results.tsv"
if (( profile )); then
  stop_ours  # writes the recording
  for view in hot-methods allocation-by-class; do
    jfr view --width 160 "$view" "$out/ours.jfr" >"$out/ours-$view.txt" 2>&1 || true
  done
  say "JFR profile of ours: $out/ours.jfr (summaries: ours-hot-methods.txt, ours-allocation-by-class.txt)"
fi
say "raw output in $out"
exit "$failed"
