#!/usr/bin/env bash
# Shows that each static analysis of the build fails it: plants one bug per tool in a copy of this working tree
# (the tree itself is not touched), builds the copy, and expects the build to fail with that tool's finding.
#
#   scripts/static-analysis-proof.sh            # needs a JDK 25 (JAVA_HOME or on the PATH) and a built ~/.m2
#
# Cases: NullAway (todo-domain), an Error Prone error (todo-rest, a module without -Werror), and SpotBugs with
# FindSecBugs (todo-rest, in verify). Each must fail, with the expected message; then the copy is deleted.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -C "$work" -xf -
cd "$work"

failures=0

# plant FILE PYTHON-OLD PYTHON-NEW: replaces one exact text in FILE (and fails if it is not there exactly once).
plant() {
  python3 - "$1" "$2" "$3" <<'EOF'
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
if text.count(old) != 1:
    sys.exit(f"cannot plant in {path}: {old!r} found {text.count(old)} times")
open(path, "w").write(text.replace(old, new))
EOF
}

# expect NAME PATTERN MAVEN-ARGS...: the build must fail, and its output must contain PATTERN.
expect() {
  local name="$1" pattern="$2"
  shift 2
  local log="$work/$name.log"
  if ./mvnw -o -B -ntp "$@" >"$log" 2>&1; then
    echo "FAIL $name: the build passed with the planted bug"
    failures=$((failures + 1))
  elif grep -q -- "$pattern" "$log"; then
    echo "ok   $name: the build failed with:"
    grep -- "$pattern" "$log" | sort -u | head -3 | sed 's/^/       /'
  else
    echo "FAIL $name: the build failed, but without '$pattern':"
    grep -E '^\[ERROR\]' "$log" | head -10 | sed 's/^/       /'
    failures=$((failures + 1))
  fi
  git checkout -q -- . 2>/dev/null || true
}

git init -q && git add -A && git -c user.name=proof -c user.email=proof@localhost commit -q -m base

# 1. NullAway: a method of the domain that says it never returns null returns null.
plant todo-domain/src/main/java/dev/todo/domain/model/TodoId.java \
  "    public String toString() {
        return value.toString();" \
  "    public String toString() {
        return value == null ? null : value.toString();"
expect nullaway "\[NullAway\] returning @Nullable expression" compile -q -pl todo-domain

# 2. Error Prone: an exception made and dropped (DeadException, an error) in todo-rest, which has no -Werror.
plant todo-rest/src/main/java/dev/todo/rest/todo/TodoRequests.java \
  "    static TodoId id(String text) {
        try {" \
  "    static TodoId id(String text) {
        if (text.isEmpty()) {
            new IllegalArgumentException(\"planted\");
        }
        try {"
expect errorprone "\[DeadException\]" compile -q -pl todo-rest -am

# 3. SpotBugs: strings compared with == (Error Prone only warns there), and FindSecBugs: an MD5 fingerprint.
plant todo-rest/src/main/java/dev/todo/rest/todo/IdempotentResponses.java \
  'MessageDigest.getInstance("SHA-256")' 'MessageDigest.getInstance("MD5")'
plant todo-rest/src/main/java/dev/todo/rest/todo/IdempotentResponses.java \
  'if (values.size() > 1) {' 'if (values.size() > 1 || values.get(0) == "*") {'
expect spotbugs "WEAK_MESSAGE_DIGEST_MD5\|ES_COMPARING_STRINGS_WITH_EQ" verify -pl todo-rest -am -DskipTests

if ((failures > 0)); then
  echo "$failures of 3 analyses did not fail the build"
  exit 1
fi
echo "3 of 3 analyses failed the build on their planted bug"
