\set t random(1, 100)
\set n random(1, 1000)
\set k :t * 10000 + :n
\startpipeline
SELECT set_config('app.user_id', 'tenant-' || :t, true), set_config('statement_timeout', '2000', true), set_config('idle_in_transaction_session_timeout', '5000', true);
WITH state AS (UPDATE tenant_state SET change_seq = change_seq + 1 WHERE user_id = 'tenant-' || :t RETURNING change_seq) UPDATE todo SET version = todo.version + 1, updated_at = GREATEST(now(), todo.updated_at + interval '1 microsecond'), change_seq = state.change_seq, is_completed = true FROM state, todo old WHERE todo.user_id = 'tenant-' || :t AND todo.id = ('00000000-0000-4000-8000-' || lpad(:k::text, 12, '0'))::uuid AND old.user_id = todo.user_id AND old.id = todo.id AND old.version = todo.version AND (todo.recurrence IS NULL OR todo.is_completed OR todo.next_occurrence_id IS NOT NULL) RETURNING old.id, old.user_id, old.title, old.description, old.is_completed, old.created_at, old.updated_at, old.version, old.priority, old.due_date, old.due_time, old.due_zone, old.tags, old.recurrence, old.position, old.parent_id, old.next_occurrence_id;
\endpipeline
