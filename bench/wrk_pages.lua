-- wrk script for bench/load.py and bench/faults.py: cycles over the paths listed in a file
-- (one per line; the first argument after "--"), counts the answers by status and the
-- bodies that show a traceback, and prints them as "wrk-counts <name> <number>" lines;
-- also the answers of each second ("wrk-second <unix time> <2xx/3xx> <503> <other>") and
-- the first 503 page it got ("wrk-sample-503 <length>", then the page up to "wrk-end").
local paths = {}
local index = 0
-- Globals: done() reads them from each thread with thread:get.
counts = {}
seconds = {}
sample = ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  index = math.random(#paths)
  counts = {ok = 0, redirect = 0, s503 = 0, s502 = 0, other = 0, traceback = 0}
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function response(status, headers, body)
  if status >= 200 and status < 300 then counts.ok = counts.ok + 1
  elseif status >= 300 and status < 400 then counts.redirect = counts.redirect + 1
  elseif status == 503 then counts.s503 = counts.s503 + 1
  elseif status == 502 then counts.s502 = counts.s502 + 1
  else counts.other = counts.other + 1 end
  if body and body:find("Traceback", 1, true) then counts.traceback = counts.traceback + 1 end
  local kind = "3"
  if status < 400 then kind = "1" elseif status == 503 then kind = "2" end
  local key = os.time() .. ":" .. kind  -- flat keys: thread:get copies flat tables only
  seconds[key] = (seconds[key] or 0) + 1
  if status == 503 and sample == "" and body then sample = body end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for name, number in pairs(c) do total[name] = (total[name] or 0) + number end
  end
  for name, number in pairs(total) do io.write(string.format("wrk-counts %s %d\n", name, number)) end
  local per_second, page = {}, ""
  for _, thread in ipairs(threads) do
    for key, number in pairs(thread:get("seconds")) do
      local second, kind = key:match("(%d+):(%d)")
      local sum = per_second[second] or {0, 0, 0}
      sum[tonumber(kind)] = sum[tonumber(kind)] + number
      per_second[second] = sum
    end
    local s = thread:get("sample")
    if page == "" and s then page = s end
  end
  for second, sum in pairs(per_second) do
    io.write(string.format("wrk-second %s %d %d %d\n", second, sum[1], sum[2], sum[3]))
  end
  io.write(string.format("wrk-sample-503 %d\n%s\nwrk-end\n", #page, page))
  local e = summary.errors
  io.write(string.format("wrk-counts socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("wrk-counts timeouts %d\n", e.timeout))
  io.write(string.format("wrk-counts requests %d\n", summary.requests))
  io.write(string.format("wrk-latency p50 %.1f\n", latency:percentile(50) / 1000))
  io.write(string.format("wrk-latency p99 %.1f\n", latency:percentile(99) / 1000))
  io.write(string.format("wrk-latency max %.1f\n", latency.max / 1000))
  io.write(string.format("wrk-seconds %.1f\n", summary.duration / 1e6))
end
