#!/usr/bin/env bash
# Compares two builds of ours on the same machine: runs bench/run.sh with the BEFORE jar and the AFTER jar in turn,
# ROUNDS times each (before, after, before, after, ...), and prints per workload the median req/s of each, the
# ratio after/before and the spread between rounds of the same build (max/min - 1), so that a difference can be
# read against the run-to-run noise. Every other option goes to bench/run.sh unchanged.
#
#   bench/compare.sh BEFORE.jar AFTER.jar [--rounds 2] [run.sh options...]
#
# BEFORE.jar: a copy of an older todo-app/target/todo.jar with its lib/ beside it, e.g. made with
#   git worktree add /tmp/before REV && (cd /tmp/before && ./mvnw -q -DskipTests package) \
#     && mkdir -p /tmp/b && cp -r /tmp/before/todo-app/target/{todo.jar,lib} /tmp/b/
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
(( $# >= 2 )) || { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
before="$(readlink -f "$1")" after="$(readlink -f "$2")"; shift 2
rounds=2
if [[ "${1:-}" == --rounds ]]; then rounds="${2:?}"; shift 2; fi
[[ -f "$before" && -f "$after" ]] || { echo "compare: both jars must exist" >&2; exit 2; }

results=()
for (( r = 1; r <= rounds; r++ )); do
  for which in before after; do
    jar="$before"; [[ "$which" == after ]] && jar="$after"
    echo "[$(date +%T)] round $r, $which: $jar" >&2
    "$bench/run.sh" --jar "$jar" --starts 1 "$@" >&2 || true
    dir="$(ls -td "$bench"/results/*/ | head -n 1)"
    [[ -f "$dir/results.tsv" ]] || { echo "compare: no results.tsv in $dir" >&2; exit 2; }
    results+=("$which $dir")
  done
done

# One table: workload, before median, after median, after/before, spread before, spread after.
for entry in "${results[@]}"; do
  read -r which dir <<<"$entry"
  awk -v w="$which" -F'\t' 'NR > 1 && $1 == "ours" { print w "\t" $2 "\t" $3 }' "$dir/results.tsv"
done | awk -F'\t' '
  { v[$2 "|" $1] = v[$2 "|" $1] " " $3; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
  function stats(list,   a, k, i, j, t, lo, hi) {
    k = split(list, a, " ")
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    lo = a[1]; hi = a[k]
    med = (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    spread = (lo > 0) ? hi / lo - 1 : 0
  }
  END {
    printf "| workload | before req/s (median) | after req/s (median) | after/before | spread before | spread after |\n"
    printf "|---|---:|---:|---:|---:|---:|\n"
    for (i = 1; i <= n; i++) {
      w = order[i]
      stats(v[w "|before"]); b = med; sb = spread
      stats(v[w "|after"]); a = med; sa = spread
      printf "| %s | %.0f | %.0f | %.2f | %.1f %% | %.1f %% |\n", w, b, a, (b > 0 ? a / b : 0), sb * 100, sa * 100
    }
  }'
