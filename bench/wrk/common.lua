-- Shared by bench/wrk/<workload>.lua (wrk 4 with LuaJIT). Reads the data files that bench/run.sh prepares in
-- $BENCH_DATA (one set per service):
--   auth.txt       line u: the header that names tenant u ("X-User-ID: ..." or "Authorization: Bearer ...")
--   todos.tsv      "<tenant line>\t<todo id>" for every seeded todo of the regular tenants
--   list_auth.txt  the header of the tenant with 1,000 todos
--   plan_auth.txt  the header of the tenant with 10,000 planned todos (due, priority, tags), for search and filter
--   search_queries.txt, filter_query.txt  their query strings, one a line
-- Every response is counted by status in the thread that got it; done() adds the threads up and prints one
-- "BENCH ..." line for run.sh (requests/s, latency percentiles, non-2xx, bad bodies, socket errors), so a fast
-- run full of errors can never pass for a good one.
local M = {}

local data = os.getenv("BENCH_DATA") or error("set BENCH_DATA to the directory of the workload's data files")
local threads = {}

-- Per-thread state: globals of each thread's Lua state, read back in done() with thread:get().
by_status = {}
by_code = {}
bad_bodies = 0

local function read_lines(name)
  local path = data .. "/" .. name
  local file = assert(io.open(path, "r"))
  local lines = {}
  for line in file:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  file:close()
  assert(#lines > 0, path .. " is empty")
  return lines
end

local function header(line)
  local name, value = line:match("^([^:]+):%s*(.-)%s*$")
  assert(name, "not a header line: " .. line)
  return name, value
end

-- Header tables per tenant: for reads, and for writes with a JSON body.
function M.tenants()
  local reads, writes = {}, {}
  for i, line in ipairs(read_lines("auth.txt")) do
    local name, value = header(line)
    reads[i] = { [name] = value }
    writes[i] = { [name] = value, ["Content-Type"] = "application/json" }
  end
  return reads, writes
end

-- The seeded todos as two parallel arrays: tenant line numbers and todo ids.
function M.todos()
  local owners, ids = {}, {}
  for _, line in ipairs(read_lines("todos.tsv")) do
    local owner, id = line:match("^(%d+)\t(%S+)$")
    assert(owner, "not a todos.tsv line: " .. line)
    owners[#owners + 1] = tonumber(owner)
    ids[#ids + 1] = id
  end
  return owners, ids
end

-- The lines of a data file, for workloads that read their own.
M.lines = read_lines

function M.plan_tenant()
  local name, value = header(read_lines("plan_auth.txt")[1])
  return { [name] = value }
end

-- Counts a 2xx list answer whose "count" is missing or 0 as a bad body: a query that finds nothing is cheap.
function M.count_found(status, body)
  M.count(status, body)
  if status >= 200 and status <= 299 then
    -- "count" follows "items": look at the tail before scanning the whole body.
    local count = body:match('"count"%s*:%s*(%d+)', math.max(1, #body - 80)) or body:match('"count"%s*:%s*(%d+)')
    if not count or tonumber(count) == 0 then bad_bodies = bad_bodies + 1 end
  end
end

function M.list_tenant()
  local name, value = header(read_lines("list_auth.txt")[1])
  return { [name] = value }
end

-- Seeds each thread's random numbers from BENCH_SEED and the thread's number: runs repeat their request sequence.
function M.init()
  math.randomseed(tonumber(os.getenv("BENCH_SEED") or "1") * 7919 + (thread_number or 0))
end

-- Counts the status, and for a 5xx the problem's error_code (so that a 503 which blames the database can be told
-- from an overload answer); "none" when the body names no code.
function M.count(status, body)
  by_status[status] = (by_status[status] or 0) + 1
  if status >= 500 then
    local code = body and body:match('"error_code"%s*:%s*"([A-Z_]+)"') or "none"
    by_code[code] = (by_code[code] or 0) + 1
  end
end

local function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

local function response(status, headers, body)
  M.count(status, body)
end

local function done(summary, latency, requests)
  local total, non2xx, bad, codes_total = {}, 0, 0, {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("by_status")) do
      total[status] = (total[status] or 0) + n
      if status < 200 or status > 299 then non2xx = non2xx + n end
    end
    bad = bad + thread:get("bad_bodies")
    for code, n in pairs(thread:get("by_code")) do codes_total[code] = (codes_total[code] or 0) + n end
  end
  local codes = {}
  for code, n in pairs(codes_total) do codes[#codes + 1] = code .. "x" .. n end
  table.sort(codes)
  local statuses = {}
  for status, n in pairs(total) do statuses[#statuses + 1] = status .. "x" .. n end
  table.sort(statuses)
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local function ms(p) return latency:percentile(p) / 1000 end
  io.write(string.format("BENCH workload=%s requests=%d seconds=%.3f rps=%.1f p50=%.2f p90=%.2f p99=%.2f " ..
      "max=%.2f non2xx=%d bad_bodies=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d statuses=%s codes=%s\n",
    M.name, summary.requests, seconds, summary.requests / seconds, ms(50), ms(90), ms(99), latency.max / 1000,
    non2xx, bad, socket, e.connect, e.read, e.write, e.timeout, table.concat(statuses, ","),
    #codes > 0 and table.concat(codes, ",") or "-"))
end

-- Makes the calling script a workload: installs setup, response and done; the script defines init and request
-- (and may replace response, calling M.count itself).
function M.workload(name)
  M.name = name
  _G.setup = setup
  _G.response = response
  _G.done = done
  return M
end

return M
