#!/bin/bash
# What each guarantee costs PostgreSQL per insert: the service's create as it sends it, then without the feed's
# tenant_state row, without the four indexes of issue 17 (search words, tags, priority, due date), without row-level
# security and its tenant setting, and without all three (about what the Spring peer's insert does). Two alternating
# rounds, 20 s each (../measure.sh); the rows inserted are deleted after each run, so every run starts from the seed.
cd "$(dirname "$0")"
. ../measure.sh
INDEXES="todo_user_search_idx todo_user_tags_idx todo_user_priority_created_id_idx todo_user_due_idx"
drop_indexes() { for i in $INDEXES; do admin "DROP INDEX $i"; done; }
create_indexes() {
  admin "CREATE INDEX todo_user_search_idx ON todo USING gin (user_id, search_words)"
  admin "CREATE INDEX todo_user_tags_idx ON todo USING gin (user_id, tag_keys)"
  admin "CREATE INDEX todo_user_priority_created_id_idx ON todo (user_id, priority, created_at, id)"
  admin "CREATE INDEX todo_user_due_idx ON todo (user_id, due_date)"
}
without_rls() { for t in todo tenant_state; do admin "ALTER TABLE $t NO FORCE ROW LEVEL SECURITY"; admin "ALTER TABLE $t DISABLE ROW LEVEL SECURITY"; done; }
with_rls() { for t in todo tenant_state; do admin "ALTER TABLE $t ENABLE ROW LEVEL SECURITY"; admin "ALTER TABLE $t FORCE ROW LEVEL SECURITY"; done; }
clean() { admin "DELETE FROM todo WHERE title = 'inserted todo'"; admin "UPDATE tenant_state SET todo_count = 1000"; }
for round in 1 2; do
  run as_service -f insert_as_service.sql; clean
  run without_feed -f insert_without_feed.sql; clean
  drop_indexes; run without_issue17_indexes -f insert_as_service.sql; clean; create_indexes
  without_rls; run without_rls_and_setting -f insert_without_tenant_setting.sql; clean; with_rls
  drop_indexes; without_rls; run bare -f insert_bare.sql; clean; with_rls; create_indexes
done
