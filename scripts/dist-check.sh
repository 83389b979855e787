#!/usr/bin/env bash
# Proves the distribution archive on this machine as an operator would use it: unpacks it, starts bin/todo with no
# Java on the PATH and no JAVA_HOME, checks the probes, writes a todo, restarts, reads the todo back (the embedded
# database keeps its data), restarts with TODO_LOG_FORMAT=json and checks the log is JSON lines, and stops it. Every
# start requires the archive's AOT cache to be used (-XX:AOTMode=on: a missing or unusable todo.aot fails). Run as
# root, it does all that as an unprivileged user (nobody), and then starts the archive as root too, on a data
# directory of root's.
#
# Usage: scripts/dist-check.sh todo-app/target/todo-<version>-linux-x64.tar.gz
set -euo pipefail

archive="$(cd "$(dirname "${1:?usage: scripts/dist-check.sh <archive>}")" && pwd)/$(basename "$1")"
work="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2> /dev/null; then kill -TERM "$pid"; wait "$pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "dist-check: $*" >&2
  [[ -f "$work/log" ]] && { echo "--- log:" >&2; cat "$work/log" >&2; }
  exit 1
}

# A PATH with the machine's tools but none of a JDK's: the archive must bring its own runtime.
mkdir "$work/path"
for dir in /usr/local/bin /usr/bin /bin /usr/sbin /sbin; do
  [[ -d "$dir" ]] || continue
  for tool in "$dir"/*; do
    name="${tool##*/}"
    case "$name" in
      java|javac|javadoc|javap|jar|jarsigner|jshell|jlink|jdeps|jdeprscan|jnativescan|jimage|jmod|jpackage|jcmd|jconsole \
        |jdb|jfr|jhsdb|jinfo|jmap|jps|jrunscript|jstack|jstat|jstatd|jwebserver|keytool|rmiregistry|serialver|kinit|klist \
        |ktab|jexec) continue ;;
    esac
    [[ -e "$work/path/$name" ]] || ln -s "$tool" "$work/path/$name"
  done
done
if env -i PATH="$work/path" sh -c 'command -v java' > /dev/null; then fail "java is still on the PATH"; fi

tar -xzf "$archive" -C "$work"
home="$(echo "$work"/todo-*-linux-x64)"
[[ -x "$home/bin/todo" && -x "$home/runtime/bin/java" ]] || fail "the archive lacks bin/todo or runtime/"
[[ -s "$home/todo.aot" ]] || fail "the archive lacks its AOT cache, todo.aot"

# As root, the checks below run as nobody, an unprivileged user; root's own start comes at the end.
as_user=()
if [[ "$(id -u)" == 0 ]]; then
  chmod -R a+rX "$work"
  chmod 777 "$work"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi

port=""
start() {
  : > "$work/log"
  "${as_user[@]}" env -i PATH="$work/path" HOME="$work" LANG=C.UTF-8 TODO_DATA_DIR="$work/data" PORT=0 \
    JAVA_OPTS=-XX:AOTMode=on "$@" "$home/bin/todo" >> "$work/log" 2>&1 &
  pid=$!
  port=""
  for _ in $(seq 1 240); do
    port="$(sed -n 's/.*todo serves on http:\\\{0,1\}\/\\\{0,1\}\/[^:]*:\([0-9]*\).*/\1/p' "$work/log" | head -n 1)"
    [[ -n "$port" ]] && return 0
    kill -0 "$pid" 2> /dev/null || fail "bin/todo stopped before serving"
    sleep 0.5
  done
  fail "bin/todo did not serve within 120 s"
}
stop() {
  kill -TERM "$pid"
  wait "$pid" 2> /dev/null || true
  pid=""
}
api() {
  curl -sS -o "$work/body" -w '%{http_code}' -H 'X-User-ID: dist-check' -H 'Content-Type: application/json' \
    "$@"
}

started=$(date +%s%N)
start
echo "dist-check: serving on port $port after $(( ($(date +%s%N) - started) / 1000000 )) ms (first start, new database)"
[[ "$(api "http://127.0.0.1:$port/health/liveness")" == 200 ]] || fail "liveness is not 200"
[[ "$(api "http://127.0.0.1:$port/health/readiness")" == 200 ]] || fail "readiness is not 200"
[[ "$(api -X POST -d '{"title":"kept across restarts"}' "http://127.0.0.1:$port/api/v1/todos")" == 201 ]] \
  || fail "POST /api/v1/todos did not answer 201: $(cat "$work/body")"
id="$(sed 's/.*"id":"\([^"]*\)".*/\1/' "$work/body")"
[[ "$(api "http://127.0.0.1:$port/prometheus")" == 200 ]] && grep -q '^todo_created_todos_total' "$work/body" \
  || fail "/prometheus does not count the created todo"
stop

started=$(date +%s%N)
start TODO_LOG_FORMAT=json
echo "dist-check: serving on port $port after $(( ($(date +%s%N) - started) / 1000000 )) ms (restart)"
[[ "$(api "http://127.0.0.1:$port/api/v1/todos/$id")" == 200 ]] || fail "the todo did not survive the restart"
grep -q '"title":"kept across restarts"' "$work/body" || fail "the todo came back changed: $(cat "$work/body")"
api "http://127.0.0.1:$port/api/v1/todos" > /dev/null
stop
# Every line of the log is one JSON object; the request log's lines carry the request id.
if grep -v '^{.*}$' "$work/log" | grep -q .; then fail "TODO_LOG_FORMAT=json wrote lines that are not JSON objects"; fi
grep '"loggerName":"todo.requests"' "$work/log" | grep -q '"request_id"' || fail "no JSON request log line with request_id"

as=""
if [[ "$(id -u)" == 0 ]]; then
  # The archive as root: the embedded PostgreSQL, which refuses root, runs in a user namespace of its own.
  as_user=()
  start TODO_DATA_DIR="$work/data-root"
  echo "dist-check: serving as root on port $port"
  [[ "$(api "http://127.0.0.1:$port/health/readiness")" == 200 ]] || fail "readiness is not 200 as root"
  [[ "$(api -X POST -d '{"title":"as root"}' "http://127.0.0.1:$port/api/v1/todos")" == 201 ]] \
    || fail "POST /api/v1/todos as root did not answer 201: $(cat "$work/body")"
  stop
  as=", as nobody and as root"
fi

echo "dist-check: $(basename "$archive") runs without a JDK, with its AOT cache$as: probes, write, restart, read back, JSON logs"
