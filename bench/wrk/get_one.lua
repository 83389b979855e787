-- get_one: GET /api/v1/todos/{id} of a random seeded todo, as its tenant.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common").workload("get_one")

local reads, owners, ids

function init(args)
  bench.init()
  reads = bench.tenants()
  owners, ids = bench.todos()
end

function request()
  local i = math.random(#ids)
  return wrk.format("GET", "/api/v1/todos/" .. ids[i], reads[owners[i]])
end
