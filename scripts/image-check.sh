#!/usr/bin/env bash
# Proves the container image tarball that `./mvnw -Pimage package` writes, without a container engine: reads its
# manifest and config (user, entrypoint, port, volume, environment, labels), unpacks its layers into a directory
# as a container runtime would, checks the files (the AOT cache among them), and then runs the image's entrypoint
# in that directory (chroot, as the image's user, with the host's /proc and /dev, which a container runtime provides,
# and nothing else of the host's file system): the
# version; then the service itself on its embedded PostgreSQL, with -XX:AOTMode=on (an unusable AOT cache fails),
# until GET /health answers 200, and a SIGTERM that stops it with status 0. Needs root (or unshare -r), python3
# and curl.
#
# Usage: scripts/image-check.sh todo-image/target/todo-image.tar <version>
set -euo pipefail

tarball="$(cd "$(dirname "${1:?usage: scripts/image-check.sh <image tar> <version>}")" && pwd)/$(basename "$1")"
version="${2:?usage: scripts/image-check.sh <image tar> <version>}"
work="$(mktemp -d)"
chmod 755 "$work"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2> /dev/null; then kill -TERM "$pid"; wait "$pid" 2> /dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "image-check: $*" >&2
  [[ -f "$work/log" ]] && { echo "--- log:" >&2; cat "$work/log" >&2; }
  exit 1
}

mkdir "$work/tar" "$work/fs"
tar -xf "$tarball" -C "$work/tar"
python3 - "$work/tar" "$version" <<'PY' || fail "the image's configuration is not as expected"
import json, sys, os
tar, version = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(tar, "manifest.json")))
assert len(manifest) == 1, manifest
entry = manifest[0]
assert entry["RepoTags"] == ["todo:" + version], entry["RepoTags"]
config = json.load(open(os.path.join(tar, entry["Config"])))
c = config["config"]
def check(what, actual, expected):
    if actual != expected:
        sys.exit(f"image-check: {what} is {actual!r}, not {expected!r}")
check("the user", c.get("User"), "10001:10001")
check("the entrypoint", c.get("Entrypoint"), ["/opt/todo/bin/todo"])
check("the command", c.get("Cmd"), None)
check("the exposed ports", c.get("ExposedPorts"), {"8080/tcp": {}})
check("the volumes", c.get("Volumes"), {"/data": {}})
check("the working directory", c.get("WorkingDir"), "/home/todo")
env = dict(e.split("=", 1) for e in c.get("Env", []))
check("TODO_DATA_DIR", env.get("TODO_DATA_DIR"), "/data/postgres")
check("LANG", env.get("LANG"), "C.UTF-8")
check("MALLOC_ARENA_MAX", env.get("MALLOC_ARENA_MAX"), "2")
labels = c.get("Labels", {})
check("the title label", labels.get("org.opencontainers.image.title"), "todo")
check("the version label", labels.get("org.opencontainers.image.version"), version)
check("the licence label", labels.get("org.opencontainers.image.licenses"), "Apache-2.0")
check("the architecture", (config.get("architecture"), config.get("os")), ("amd64", "linux"))
with open(os.path.join(tar, "layers"), "w") as out:
    out.write("\n".join(entry["Layers"]) + "\n")
print(f"image-check: config: user {c['User']}, entrypoint {c['Entrypoint']}, ports {list(c['ExposedPorts'])}, "
      f"{len(entry['Layers'])} layers, labels {sorted(labels)}")
PY
while IFS= read -r layer; do
  tar --warning=no-unknown-keyword -xzf "$work/tar/$layer" -C "$work/fs"
done < "$work/tar/layers"

fs="$work/fs"
for file in /opt/todo/bin/todo /opt/todo/runtime/bin/java /bin/sh /lib64/ld-linux-x86-64.so.2; do
  [[ -x "$fs$file" ]] || fail "$file is missing or not executable in the image"
done
[[ -s "$fs/opt/todo/todo.aot" ]] || fail "the image has no AOT cache, /opt/todo/todo.aot"
grep -q '^todo:x:10001:10001:' "$fs/etc/passwd" || fail "the image's /etc/passwd has no user 10001"
[[ "$(stat -c %a "$fs/data")" == 777 && "$(stat -c %a "$fs/tmp")" == 777 ]] || fail "/data and /tmp are not writable"
echo "image-check: layers unpacked ($(du -sh "$fs" | cut -f1)): bin/todo, the runtime, the AOT cache, glibc, sh, user 10001"

# Runs a command in the image's file system as its user, with the image's environment and a /proc.
as_root=()
[[ "$(id -u)" == 0 ]] || as_root=(unshare -r)
mkdir -p "$fs/proc" "$fs/dev"
in_image() {
  "${as_root[@]}" unshare -m sh -c \
    'mount --bind /proc "$0/proc" && mount --bind /dev "$0/dev" && exec chroot --userspec=10001:10001 "$0" "$@"' \
    "$fs" /usr/bin/env -i PATH=/opt/todo/bin:/bin HOME=/home/todo LANG=C.UTF-8 TODO_DATA_DIR=/data/postgres "$@"
}
# env is not in the image: the host's is copied in for this check only, with its libraries already there.
mkdir -p "$fs/usr/bin"
cp -L /usr/bin/env "$fs/usr/bin/env"

out="$(in_image JAVA_OPTS=-XX:AOTMode=on /opt/todo/bin/todo --version 2>&1)" || fail "todo --version failed: $out"
[[ "$out" == "todo $version "* ]] || fail "todo --version printed: $out"
echo "image-check: $out"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# Not through the function: `in_image … &` would run it in a subshell, and $! would be that subshell, not the JVM.
"${as_root[@]}" unshare -m sh -c \
  'mount --bind /proc "$0/proc" && mount --bind /dev "$0/dev" && exec chroot --userspec=10001:10001 "$0" "$@"' \
  "$fs" /usr/bin/env -i PATH=/opt/todo/bin:/bin HOME=/home/todo LANG=C.UTF-8 TODO_DATA_DIR=/data/postgres \
  JAVA_OPTS=-XX:AOTMode=on PORT="$port" /opt/todo/bin/todo > "$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2> /dev/null; then break; fi
  kill -0 "$pid" 2> /dev/null || fail "the image's service stopped before serving"
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/health" || fail "the image's service did not serve within 120 s"
grep -q "Embedded PostgreSQL on port" "$work/log" || fail "no embedded PostgreSQL in the log"
echo "image-check: the service serves on port $port as user 10001 (embedded PostgreSQL, AOT cache in use)"
# unshare, sh, chroot, env and bin/todo each exec the next: $pid is the JVM, and SIGTERM reaches it.
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
[[ "$status" == 0 ]] || fail "the image's service exited with $status on SIGTERM"
echo "image-check: $(basename "$tarball") is todo:$version: config, files, and it runs and stops cleanly"
