-- mixed: 80% get_one, 10% create, 10% patch, drawn at random per request (the same requests as those workloads).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common").workload("mixed")

local reads, writes, owners, ids
local done_ = {}
local n = 0

function init(args)
  bench.init()
  reads, writes = bench.tenants()
  owners, ids = bench.todos()
end

function request()
  local r = math.random(10)
  if r <= 8 then
    local i = math.random(#ids)
    return wrk.format("GET", "/api/v1/todos/" .. ids[i], reads[owners[i]])
  elseif r == 9 then
    n = n + 1
    return wrk.format("POST", "/api/v1/todos", writes[math.random(#writes)],
      '{"title":"Benchmark todo ' .. (thread_number or 0) .. "-" .. n ..
      '","description":"Created by the mixed workload"}')
  else
    local i = math.random(#ids)
    done_[i] = not done_[i]
    return wrk.format("PATCH", "/api/v1/todos/" .. ids[i], writes[owners[i]],
      done_[i] and '{"is_completed":true}' or '{"is_completed":false}')
  end
end
