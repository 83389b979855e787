-- search: GET /api/v1/todos?q=<two words>&limit=20 as the tenant with 10,000 planned todos: a search box's first page,
-- the best matches first. The queries (search_queries.txt) are two words of seeded titles, the second cut short as
-- it is sent while the user types. A 2xx that finds nothing counts as a bad body. Ours only: the peer has no search.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common").workload("search")

local tenant, queries

function init(args)
  bench.init()
  tenant = bench.plan_tenant()
  queries = bench.lines("search_queries.txt")
end

function request()
  return wrk.format("GET", "/api/v1/todos?" .. queries[math.random(#queries)], tenant)
end

function response(status, headers, body)
  bench.count_found(status, body)
end
