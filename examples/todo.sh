#!/usr/bin/env bash
# Every route of the todo API, the flow of examples/todo.http, with curl: each request, its answer's status, and a
# check that the status is the one expected. Needs bash and curl only.
#
#   examples/todo.sh                              # against http://localhost:8080, as tenant alice (header mode)
#   TODO_URL=http://localhost:9090 TODO_USER=bob examples/todo.sh
#   TODO_TOKEN="$(java -jar todo-app/target/todo.jar token --sub alice)" examples/todo.sh   # jwt mode
#
# Exits 0 when every answer had the status expected, 1 at the first that did not (printing it).
set -euo pipefail

base="${TODO_URL:-http://localhost:8080}"
base="${base%/}"
user="${TODO_USER:-alice}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

auth=(-H "X-User-ID: $user")
if [[ -n "${TODO_TOKEN:-}" ]]; then
  auth+=(-H "Authorization: Bearer $TODO_TOKEN")
fi
count=0

# call EXPECTED METHOD PATH [curl arguments...]: the answer's body in $work/body, its headers in $work/headers.
call() {
  local expected="$1" method="$2" path="$3"
  shift 3
  local status
  status="$(curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' -X "$method" "${auth[@]}" "$@" \
    "$base$path")"
  count=$((count + 1))
  printf '%s %s -> %s\n' "$method" "$path" "$status"
  if [[ "$status" != "$expected" ]]; then
    printf 'expected %s, got %s:\n%s\n' "$expected" "$status" "$(cat "$work/body")" >&2
    exit 1
  fi
}

# json_string MEMBER: the first string member of that name in the last answer's body.
json_string() {
  grep -o "\"$1\" *: *\"[^\"]*\"" "$work/body" | head -n 1 | sed 's/.*: *"\(.*\)"/\1/'
}

# header NAME: the last answer's header of that name.
header() {
  grep -i "^$1:" "$work/headers" | head -n 1 | sed 's/^[^:]*: *//' | tr -d '\r'
}

json=(-H 'Content-Type: application/json')
enc_user="$(printf '%s' "$user" | sed 's/|/%7C/g; s/@/%40/g; s/:/%3A/g')"

# v1
call 201 POST /api/v1/todos "${json[@]}" -H "Idempotency-Key: $(date +%s%N)-$$" \
  -d '{"title": "Buy milk", "description": "Two litres"}'
id="$(json_string id)"
etag="$(header ETag)"
call 200 GET /api/v1/todos
call 200 GET '/api/v1/todos?limit=2&sort=-updated_at&completed=false'
call 200 GET "/api/v1/todos/$id"
call 304 GET "/api/v1/todos/$id" -H "If-None-Match: $etag"
call 200 PATCH "/api/v1/todos/$id" -H 'Content-Type: application/merge-patch+json' -H "If-Match: $etag" \
  -d '{"is_completed": true}'
call 412 PATCH "/api/v1/todos/$id" "${json[@]}" -H "If-Match: $etag" -d '{"title": "Too late"}'
call 200 PUT "/api/v1/todos/$id" "${json[@]}" \
  -d '{"title": "Buy oat milk", "description": null, "is_completed": true}'
call 201 POST /api/v1/todos "${json[@]}" -d "{\"title\": \"Oat milk, not soy\", \"parent_id\": \"$id\"}"
sub="$(json_string id)"
call 200 POST "/api/v1/todos/$sub/move" "${json[@]}" -d '{"after": null}'
call 200 GET "/api/v1/todos?parent_id=$id"
call 200 GET '/api/v1/todos/changes?limit=100'
call 200 POST /api/v1/todos/clear-completed
call 404 GET "/api/v1/todos/$id"
call 201 POST /api/v1/todos "${json[@]}" -d '{"title": "Call Bob"}'
another="$(json_string id)"
call 204 DELETE "/api/v1/todos/$another"
call 422 POST /api/v1/todos "${json[@]}" -d '{"title": " "}'

# v2
call 201 POST "/api/$enc_user/tasks" "${json[@]}" -d '{"title": "Water the plants"}'
task="$(json_string id)"
call 200 GET "/api/$enc_user/tasks"
call 200 GET "/api/$enc_user/tasks/$task"
call 200 PUT "/api/$enc_user/tasks/$task" "${json[@]}" \
  -d '{"title": "Water the plants", "description": "The fern too", "is_completed": false}'
call 200 PATCH "/api/$enc_user/tasks/$task" "${json[@]}" -d '{"description": null}'
call 200 PATCH "/api/$enc_user/tasks/$task/complete"
call 200 POST "/api/$enc_user/tasks/$task/move" "${json[@]}" -d '{"after": null, "parent_id": null}'
call 204 DELETE "/api/$enc_user/tasks/$task"

echo "todo.sh: all $count requests answered as expected"
