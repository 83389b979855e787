-- create: POST /api/v1/todos with a title and a description, as a random regular tenant.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common").workload("create")

local writes
local n = 0

function init(args)
  bench.init()
  local _
  _, writes = bench.tenants()
end

function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/todos", writes[math.random(#writes)],
    '{"title":"Benchmark todo ' .. (thread_number or 0) .. "-" .. n ..
    '","description":"Created by the create workload"}')
end
