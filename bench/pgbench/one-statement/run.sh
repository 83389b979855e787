#!/bin/bash
# Runs each variant twice, alternating, 20 s each, 8 clients, 2 threads, prepared; prints TPS and the CPU time of
# the 8 PostgreSQL backends serving pgbench per transaction (from /proc, so other work on the machine does not count).
cd "$(dirname "$0")"
. ../measure.sh
for round in 1 2; do
  admin "UPDATE todo SET version = 1 WHERE version <> 1"
  run d_before -f d_before_lock_then_delete.sql
  run d_after -f d_after_delete_if_match.sql
  run a_read_then_write -f a_read_then_write.sql
  run b_one_statement -f b_one_statement_true.sql@1 -f b_one_statement_false.sql@1
  run c_advisory -f c_advisory_true.sql@1 -f c_advisory_false.sql@1
done
