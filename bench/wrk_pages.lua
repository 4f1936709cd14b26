-- wrk script for bench/load.py and bench/faults.py: cycles over the paths listed in a file
-- (one per line; the first argument after "--"), counts the answers by status and the
-- bodies that show a traceback, and prints them as "wrk-counts <name> <number>" lines.
local paths = {}
local index = 0
counts = {}  -- global: done() reads it from each thread with thread:get
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
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for name, number in pairs(c) do total[name] = (total[name] or 0) + number end
  end
  for name, number in pairs(total) do io.write(string.format("wrk-counts %s %d\n", name, number)) end
  local e = summary.errors
  io.write(string.format("wrk-counts socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("wrk-counts timeouts %d\n", e.timeout))
  io.write(string.format("wrk-counts requests %d\n", summary.requests))
  io.write(string.format("wrk-latency p50 %.1f\n", latency:percentile(50) / 1000))
  io.write(string.format("wrk-latency p99 %.1f\n", latency:percentile(99) / 1000))
  io.write(string.format("wrk-latency max %.1f\n", latency.max / 1000))
  io.write(string.format("wrk-seconds %.1f\n", summary.duration / 1e6))
end
