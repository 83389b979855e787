#!/usr/bin/env bash
# Writes <home>/todo.aot, the JDK's AOT cache of the classes todo's start-up loads and links, from a training run of
# <home>/runtime/bin/java -jar <home>/todo.jar: it starts the service on a throwaway embedded database, serves a few
# requests, and stops it; the JVM writes the cache as it exits. Fails when no cache was written. The cache is valid
# for the same runtime and jars (same sizes and modification times) wherever they are later moved.
#
# Usage: scripts/aot-train.sh <home>   (scripts/dist.sh and scripts/image.sh call it)
set -euo pipefail
home="${1:?usage: scripts/aot-train.sh <home>}"

# The training runs through <home>/bin/todo, with its defaults (scripts/jvm-defaults: the collector and the heap's
# sizes), so that the cache matches how it is used.
# The JDK writes the cache when the JVM exits; the launcher uses it only when it is there, and an archive without one
# is a failed build. As root, the embedded PostgreSQL runs in a user namespace (unshare -U) where one is allowed; where
# none is (a container that forbids it), the training runs as nobody, on a copy in a directory nobody can reach (the
# build directory may sit below a private one: a clone in mktemp -d, /root).
train="$(mktemp -d)"
chmod 755 "$train"
# The training runs on a copy (modification times kept), deleted afterwards: the cache records the paths it was
# trained at, and no later use may find them, so that every use, dist-check's and the image check's included, is the
# relocated use an operator's is.
cp -a "$1" "$train/home"
home="$train/home"
rm -f "$home/todo.aot"
[[ -x "$home/bin/todo" ]] || { echo "aot-train: $1 has no bin/todo" >&2; rm -rf "$train"; exit 1; }
mkdir "$train/run"
as_user=()
if [[ "$(id -u)" == 0 ]] && ! unshare -U true 2> /dev/null; then
  chmod -R a+rX "$home"
  chmod 777 "$train/run"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  if ! "${as_user[@]}" test -x "$home/runtime/bin/java"; then
    echo "aot-train: nobody cannot run $home/runtime/bin/java for the AOT training run" >&2
    exit 1
  fi
fi
run="$train/run"
"${as_user[@]}" env HOME="$run" TODO_DATA_DIR="$run/data" PORT=0 JAVA_OPTS="-XX:AOTCacheOutput=$run/todo.aot" \
  "$home/bin/todo" > "$run/log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 240); do
  port="$(sed -n 's/.*todo serves on http:\\\{0,1\}\/\\\{0,1\}\/[^:]*:\([0-9]*\).*/\1/p' "$run/log" | head -n 1)"
  if [[ -n "$port" ]]; then break; fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.5
done
if [[ -n "$port" ]]; then
  for _ in 1 2 3; do
    id="$(curl -fsS -X POST -H 'X-User-ID: training' -H 'Content-Type: application/json' \
      -d '{"title":"train","description":"aot"}' "http://127.0.0.1:$port/api/v1/todos" \
      | sed 's/.*"id":"\([^"]*\)".*/\1/')"
    curl -fsS -H 'X-User-ID: training' "http://127.0.0.1:$port/api/v1/todos?limit=10" > /dev/null
    curl -fsS -X PATCH -H 'X-User-ID: training' -H 'Content-Type: application/json' -d '{"is_completed":true}' \
      "http://127.0.0.1:$port/api/v1/todos/$id" > /dev/null
    curl -fsS -X DELETE -H 'X-User-ID: training' "http://127.0.0.1:$port/api/v1/todos/$id" > /dev/null
    curl -sS -H 'X-User-ID: training' "http://127.0.0.1:$port/api/v1/todos/not-a-uuid" > /dev/null
    curl -fsS "http://127.0.0.1:$port/health/readiness" > /dev/null
    curl -fsS "http://127.0.0.1:$port/prometheus" > /dev/null
  done
  kill -TERM "$pid"
fi
wait "$pid" || true
if [[ ! -s "$run/todo.aot" ]]; then
  echo "aot-train: the training run wrote no AOT cache (todo.aot); the archive would start without one. Its log:" >&2
  cat "$run/log" >&2
  rm -rf "$train"
  exit 1
fi
cp "$run/todo.aot" "$1/todo.aot"
rm -rf "$train"
