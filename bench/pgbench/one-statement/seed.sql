INSERT INTO tenant_state (user_id, change_seq, todo_count)
SELECT 'tenant-' || t, 1000, 1000 FROM generate_series(1, 100) t;
INSERT INTO todo (id, user_id, title, description, is_completed, created_at, updated_at, version, change_seq, priority,
                  tags, tag_keys, search_words, title_words, position)
SELECT ('00000000-0000-4000-8000-' || lpad((t * 10000 + n)::text, 12, '0'))::uuid, 'tenant-' || t, 'bench todo',
       NULL, false, now(), now(), 1, n, 0, '{}', '{}', array_to_tsvector('{bench,todo}'),
       array_to_tsvector('{bench,todo}'), 'a' || lpad(n::text, 6, '0')
FROM generate_series(1, 100) t, generate_series(1, 1000) n;
CREATE SEQUENCE bench_feed_seq;
GRANT USAGE ON SEQUENCE bench_feed_seq TO bench_a;
VACUUM ANALYZE todo;
VACUUM ANALYZE tenant_state;
