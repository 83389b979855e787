-- list_1000: GET /api/v1/todos of the tenant with 1,000 todos, the whole list in one response. A 2xx whose
-- "count" is not 1000 counts as a bad body: a truncated or paged list cannot pass.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common").workload("list_1000")

local tenant

function init(args)
  bench.init()
  tenant = bench.list_tenant()
end

function request()
  return wrk.format("GET", "/api/v1/todos", tenant)
end

function response(status, headers, body)
  bench.count(status)
  if status >= 200 and status <= 299 then
    -- "count" follows "items" in both services' answers: look at the tail before scanning the whole body.
    local count = body:match('"count"%s*:%s*(%d+)', math.max(1, #body - 40)) or body:match('"count"%s*:%s*(%d+)')
    if count ~= "1000" then bad_bodies = bad_bodies + 1 end
  end
end
