\set t random(1, 100)
\set n random(1, 1000)
\set k :t * 10000 + :n
\set c random(0, 1)
\startpipeline
SELECT set_config('app.user_id', 'tenant-' || :t, true), set_config('statement_timeout', '2000', true), set_config('idle_in_transaction_session_timeout', '5000', true), set_config('transaction_read_only', 'on', true);
SELECT id, user_id, title, description, is_completed, created_at, updated_at, version, priority, due_date, due_time, due_zone, tags, recurrence, position, parent_id, next_occurrence_id FROM todo WHERE user_id = 'tenant-' || :t AND id = ('00000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid;
\endpipeline
\startpipeline
SELECT set_config('app.user_id', 'tenant-' || :t, true), set_config('statement_timeout', '2000', true), set_config('idle_in_transaction_session_timeout', '5000', true);
WITH state AS (UPDATE tenant_state SET change_seq = change_seq + 1 WHERE user_id = 'tenant-' || :t RETURNING change_seq) UPDATE todo SET title = 'bench todo', description = NULL, is_completed = (:c = 1), updated_at = now(), version = todo.version + 1, priority = 0::smallint, due_date = NULL::date, due_time = NULL::time, due_zone = NULL::text, due_at = NULL::timestamptz, tags = '{}'::text[], tag_keys = '{}'::text[], search_words = array_to_tsvector('{bench,todo}'::text[]), title_words = array_to_tsvector('{bench,todo}'::text[]), recurrence = NULL::text, position = 'a' || lpad(:n::text, 6, '0'), parent_id = NULL::uuid, next_occurrence_id = NULL::uuid, change_seq = state.change_seq FROM state WHERE todo.user_id = 'tenant-' || :t AND todo.id = ('00000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid AND todo.version = todo.version;
\endpipeline
