-- wrk script for BenchRunner: every scenario (the baseline too) goes through this same script, so the load
-- generator spends the same work per request in all of them and the ratios compare the server alone.
--
--   wrk -t2 -c32 -d10s -s wrk.lua http://127.0.0.1:PORT -- METHOD PATH REQUESTS_FILE
--
-- REQUESTS_FILE has one request per line: "<Cookie header value or ->\t<JSON body or nothing>". All requests are
-- formatted once in init(); request() only hands out the next one, rotating over the list (so protected scenarios
-- spread over many real sessions instead of one hot row). done() prints one machine-readable RESULT line.

local requests = {}
local count = 0
local next_index = 0
local thread_counter = 0

function setup(thread)
  thread:set("thread_id", thread_counter)
  thread_counter = thread_counter + 1
end

function init(args)
  local method, path, file = args[1], args[2], args[3]
  for line in io.lines(file) do
    local cookie, body = line:match("^([^\t]*)\t?(.*)$")
    local headers = {}
    if cookie ~= nil and cookie ~= "" and cookie ~= "-" then
      headers["Cookie"] = cookie
    end
    if body ~= nil and body ~= "" then
      headers["Content-Type"] = "application/json"
    else
      body = nil
    end
    count = count + 1
    requests[count] = wrk.format(method, path, headers, body)
  end
  if count == 0 then
    error("no requests in " .. file)
  end
  -- The threads start half a list apart, so they do not walk over the same rows in lock-step.
  next_index = math.floor((thread_id or 0) * count / 2) % count
end

function request()
  next_index = next_index % count + 1
  return requests[next_index]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d status_errors=%d connect=%d read=%d write=%d timeout=%d"
      .. " p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
