\set t random(1, 100)
\startpipeline
SELECT set_config('app.user_id', 'tenant-' || :t, true), set_config('statement_timeout', '2000', true), set_config('idle_in_transaction_session_timeout', '5000', true);
INSERT INTO todo (id, user_id, title, description, is_completed, created_at, updated_at, version, priority, due_date, due_time, due_zone, due_at, tags, tag_keys, search_words, title_words, recurrence, position, parent_id, next_occurrence_id, change_seq) VALUES (gen_random_uuid(), 'tenant-' || :t, 'inserted todo', 'two litres', false, now(), now(), 1, 0::smallint, NULL::date, NULL::time, NULL::text, NULL::timestamptz, '{}'::text[], '{}'::text[], array_to_tsvector('{inserted,todo,two,litres}'::text[]), array_to_tsvector('{inserted,todo}'::text[]), NULL::text, 'z' || gen_random_uuid(), NULL::uuid, NULL::uuid, 0);
\endpipeline
