-- patch: PATCH /api/v1/todos/{id} of a random seeded todo, flipping is_completed (each thread remembers what it
-- last set on a todo; the seed leaves every regular todo open, so the first PATCH of a todo completes it).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common").workload("patch")

local writes, owners, ids
local done_ = {}

function init(args)
  bench.init()
  local _
  _, writes = bench.tenants()
  owners, ids = bench.todos()
end

function request()
  local i = math.random(#ids)
  done_[i] = not done_[i]
  return wrk.format("PATCH", "/api/v1/todos/" .. ids[i], writes[owners[i]],
    done_[i] and '{"is_completed":true}' or '{"is_completed":false}')
end
