#!/bin/sh
# Run once by the postgres image when it creates the database (compose.yaml): the role the service connects as,
# neither superuser nor BYPASSRLS, so that row-level security applies to it (docs/security.md). It may create tables
# in the public schema: the service migrates its own schema at start.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$TODO_DB_PASSWORD" <<'SQL'
CREATE ROLE todo_app LOGIN PASSWORD :'password' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
GRANT CONNECT ON DATABASE todo TO todo_app;
GRANT USAGE, CREATE ON SCHEMA public TO todo_app;
SQL
