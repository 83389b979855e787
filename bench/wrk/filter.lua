-- filter: GET /api/v1/todos?completed=false&priority=high&due_after=<Monday>&due_before=<Sunday>&sort=due&limit=50
-- as the tenant with 10,000 planned todos: open, high priority, due this week (of the seeding day), soonest first.
-- A 2xx that finds nothing counts as a bad body. Ours only: the peer has no filters but completed.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common").workload("filter")

local tenant, path

function init(args)
  bench.init()
  tenant = bench.plan_tenant()
  path = "/api/v1/todos?" .. bench.lines("filter_query.txt")[1]
end

function request()
  return wrk.format("GET", path, tenant)
end

function response(status, headers, body)
  bench.count_found(status, body)
end
