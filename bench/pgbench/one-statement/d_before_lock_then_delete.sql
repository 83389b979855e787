\set t random(1, 100)
\set n :client_id * 100 + random(1, 100)
\set k :t * 10000 + :n
\startpipeline
BEGIN;
SELECT set_config('app.user_id', 'tenant-' || :t, true), set_config('statement_timeout', '2000', true), set_config('idle_in_transaction_session_timeout', '5000', true);
WITH tenant AS (SELECT 1 FROM tenant_state WHERE user_id = 'tenant-' || :t FOR UPDATE) SELECT id, user_id, title, description, is_completed, created_at, updated_at, version, priority, due_date, due_time, due_zone, tags, recurrence, position, parent_id, next_occurrence_id FROM todo WHERE user_id = 'tenant-' || :t AND id = ('00000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid AND EXISTS (SELECT 1 FROM tenant) FOR UPDATE OF todo;
\endpipeline
WITH tenant AS (SELECT 1 FROM tenant_state WHERE user_id = 'tenant-' || :t FOR UPDATE), gone AS (DELETE FROM todo WHERE user_id = 'tenant-' || :t AND id = ('00000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid AND EXISTS (SELECT 1 FROM tenant) RETURNING id), state AS (UPDATE tenant_state SET change_seq = change_seq + 1, todo_count = todo_count - 1 WHERE user_id = 'tenant-' || :t AND EXISTS (SELECT 1 FROM gone) RETURNING change_seq) INSERT INTO todo_tombstone (user_id, id, deleted_at, change_seq) SELECT 'tenant-' || :t, gone.id, now(), state.change_seq FROM gone, state ON CONFLICT (user_id, id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at, change_seq = EXCLUDED.change_seq;
COMMIT;
\startpipeline
SELECT set_config('app.user_id', 'tenant-' || :t, true), set_config('statement_timeout', '2000', true), set_config('idle_in_transaction_session_timeout', '5000', true);
WITH state AS (INSERT INTO tenant_state AS s (user_id, change_seq, todo_count) VALUES ('tenant-' || :t, 1, 1) ON CONFLICT (user_id) DO UPDATE SET change_seq = s.change_seq + 1, todo_count = s.todo_count + 1 WHERE s.todo_count < 1000000 RETURNING change_seq) INSERT INTO todo (id, user_id, title, description, is_completed, created_at, updated_at, version, priority, due_date, due_time, due_zone, due_at, tags, tag_keys, search_words, title_words, recurrence, position, parent_id, next_occurrence_id, change_seq) SELECT ('00000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid, 'tenant-' || :t, 'bench todo', NULL, false, now(), now(), 1, 0::smallint, NULL::date, NULL::time, NULL::text, NULL::timestamptz, '{}'::text[], '{}'::text[], array_to_tsvector('{bench,todo}'::text[]), array_to_tsvector('{bench,todo}'::text[]), NULL::text, 'a' || lpad(:n::text, 6, '0'), NULL::uuid, NULL::uuid, state.change_seq FROM state;
\endpipeline
