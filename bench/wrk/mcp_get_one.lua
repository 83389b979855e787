-- mcp_get_one: the get_one of an agent: POST /mcp, a JSON-RPC tools/call of get_task for a random seeded todo, as its
-- tenant (Streamable HTTP, stateless: one request, one JSON answer). A 2xx whose result is a tool error (isError)
-- counts as a bad body. Ours only: the peer has no MCP server. Beside get_one, it measures what a tool call costs
-- over a REST read of the same todo.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("common").workload("mcp_get_one")

local reads, owners, ids

function init(args)
  bench.init()
  reads = bench.tenants()
  owners, ids = bench.todos()
  for _, headers in pairs(reads) do
    headers["Content-Type"] = "application/json"
    headers["Accept"] = "application/json, text/event-stream"
    headers["MCP-Protocol-Version"] = "2025-06-18"
  end
end

function request()
  local i = math.random(#ids)
  return wrk.format("POST", "/mcp", reads[owners[i]], '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":' ..
      '{"name":"get_task","arguments":{"task_id":"' .. ids[i] .. '"}}}')
end

function response(status, headers, body)
  bench.count(status, body)
  if status == 200 and not body:find('"isError":false', 1, true) then bad_bodies = bad_bodies + 1 end
end
