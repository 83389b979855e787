#!/bin/bash
# Sourced by the pgbench scripts' run.sh: runs one variant 20 s with 8 clients, 2 threads, prepared, against the
# database bench_a as the role bench_a, and prints TPS and the CPU time of the 8 PostgreSQL backends serving pgbench
# per transaction (from /proc, so other work on the machine does not count). `round` names the round.
export PGPASSWORD=bench
admin() { psql -h 127.0.0.1 -U postgres -d bench_a -qAtc "$1"; }
cpu_of() { # sum of utime+stime ticks of bench_a's pgbench backends
  local total=0
  for pid in $(admin "SELECT pid FROM pg_stat_activity WHERE datname = 'bench_a' AND usename = 'bench_a'"); do
    [ -r /proc/$pid/stat ] && total=$((total + $(awk '{print $14 + $15}' /proc/$pid/stat)))
  done
  echo $total
}
run() {
  local name=$1; shift
  admin "VACUUM todo"; admin "VACUUM tenant_state"; admin "VACUUM todo_tombstone"; admin "CHECKPOINT"
  pgbench -h 127.0.0.1 -U bench_a -n -M prepared -c 8 -j 2 -T 20 "$@" bench_a > /tmp/pgbench-out.$name.$round 2>&1 &
  local bench=$!
  sleep 1
  local pids last=0 first
  pids=$(admin "SELECT pid FROM pg_stat_activity WHERE datname = 'bench_a' AND usename = 'bench_a'" | tr '\n' ' ')
  first=0; for pid in $pids; do first=$((first + $(awk '{print $14 + $15}' /proc/$pid/stat))); done
  local t0=$(date +%s.%N)
  while kill -0 $bench 2>/dev/null; do
    local now=0 alive=0
    for pid in $pids; do
      local ticks; ticks=$(awk '{print $14 + $15}' /proc/$pid/stat 2>/dev/null)  # empty once the backend has gone
      if [ -n "$ticks" ]; then now=$((now + ticks)); alive=1; fi
    done
    [ $alive = 1 ] && [ $now -ge $last ] && last=$now && t1=$(date +%s.%N)
    sleep 0.2
  done
  wait $bench
  local out; out=$(cat /tmp/pgbench-out.$name.$round)
  local tps failed
  tps=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p')
  failed=$(echo "$out" | sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p')
  # CPU µs per transaction over the measured window: ticks are 10 ms; transactions in the window ~ tps * window
  local us
  us=$(echo "($last - $first) * 10000 / ($tps * ($t1 - $t0))" | bc -l)
  printf "%s round %s %-18s tps=%8.1f backend_cpu_us_per_tx=%6.1f failed=%s load=%s\n" "$(date -u +%H:%M:%S)" \
    "$round" "$name" "$tps" "$us" "$failed" "$(cut -d' ' -f1 /proc/loadavg)"
  echo "$out" | grep -i "error" | head -3
}
