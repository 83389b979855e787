#!/usr/bin/env bash
# Lays out the container image's file system in todo-app/target/image/root, which Jib then packs on an empty base
# (./mvnw -Pimage package; docs/adr/0032). Run after scripts/dist.sh:
#   /opt/todo             the distribution: runtime/ (jlink), todo.jar, lib/, bin/todo, and an AOT cache of its own
#   /lib64, /lib/x86_64-linux-gnu   the C library, and the C++ runtime PostgreSQL's binaries need, from this build
#                         machine (Debian), with their copyright files in /usr/share/doc
#   /bin/sh               dash, for bin/todo and for pg_ctl, which starts PostgreSQL through the shell
#   /usr/lib/locale/C.utf8   the locale LANG names (initdb needs it)
#   /etc/passwd, /etc/group   root, nobody, and todo (10001:10001), the user the image runs as
#   /etc/hosts, /etc/nsswitch.conf   localhost, and the hosts file before DNS
#   /data, /tmp           writable by anyone: the embedded database (TODO_DATA_DIR=/data/postgres) and the PostgreSQL
#                         binaries the service unpacks at start
# Jib gives every file the modification time 1970-01-01T00:00:01Z, and the AOT cache is valid only for jars of the
# times it was trained with: so the files get that time here, before the cache is trained in place.
#
# Usage: scripts/image.sh <version>
set -euo pipefail

version="${1:?usage: scripts/image.sh <version>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/todo-app/target"
dist="$target/dist/todo-$version-linux-x64"
[[ -x "$dist/bin/todo" ]] || { echo "image: build the distribution first (./mvnw -Pimage package runs it)" >&2; exit 1; }
[[ "$(uname -m)" == x86_64 ]] || { echo "image: the image is linux-x64, and is built on linux-x64" >&2; exit 1; }

image="$target/image"
fs="$image/root"
rm -rf "$image"
mkdir -p "$fs/opt" "$fs/bin" "$fs/lib64" "$fs/lib/x86_64-linux-gnu" "$fs/etc" "$fs/data" "$fs/tmp" "$fs/home/todo" \
  "$fs/usr/share/doc"
cp -a "$dist" "$fs/opt/todo"
rm -f "$fs/opt/todo/todo.aot"

# The shared libraries the runtime's binaries need (ldd), and those PostgreSQL's add (libstdc++, libgcc_s).
libs=()
while IFS= read -r lib; do libs+=("$lib"); done < <(
  find "$fs/opt/todo/runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2> /dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// && $3 !~ /\/opt\/todo\// {print $3}' | sort -u)
for name in libstdc++.so.6 libgcc_s.so.1 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1; do
  libs+=("/lib/x86_64-linux-gnu/$name")
done
for lib in $(printf '%s\n' "${libs[@]}" | sort -u); do
  case "$lib" in
    "$fs"/*) continue ;;
  esac
  [[ -e "$lib" ]] || { echo "image: $lib is missing on this machine" >&2; exit 1; }
  cp -L "$lib" "$fs/lib/x86_64-linux-gnu/$(basename "$lib")"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$fs/lib64/ld-linux-x86-64.so.2"
cp -L /bin/dash "$fs/bin/sh"
# The C.UTF-8 locale (LANG in the image): without it, initdb refuses "invalid locale settings".
mkdir -p "$fs/usr/lib/locale"
cp -a /usr/lib/locale/C.utf8 "$fs/usr/lib/locale/"
for package in libc6 libc-bin libstdc++6 libgcc-s1 dash; do
  if [[ -f "/usr/share/doc/$package/copyright" ]]; then
    mkdir -p "$fs/usr/share/doc/$package"
    cp "/usr/share/doc/$package/copyright" "$fs/usr/share/doc/$package/"
  fi
done

cat > "$fs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
todo:x:10001:10001:todo:/home/todo:/sbin/nologin
PASSWD
# localhost for the embedded PostgreSQL (container runtimes mount their own /etc/hosts over this one), and the hosts
# file before DNS.
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$fs/etc/hosts"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$fs/etc/nsswitch.conf"
cat > "$fs/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
todo:x:10001:
GROUP

# The AOT cache, trained on the image's own files at Jib's modification time.
find "$fs" -exec touch -h -d @1 {} +
bash "$root/scripts/aot-train.sh" "$fs/opt/todo"
touch -h -d @1 "$fs/opt/todo/todo.aot"
echo "image: $fs ($(du -sh "$fs" | cut -f1)), AOT cache $(du -h "$fs/opt/todo/todo.aot" | cut -f1)"
