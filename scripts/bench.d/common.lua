-- Shared by the workload scripts of scripts/bench (wrk 4.x). A workload script sets the globals
-- `path`, `body` (or `method` "GET" and no body) and optionally `expect` (a string every 2xx body
-- must contain), then loads this
-- file. Counts, per wrk thread, responses that are not 2xx and 2xx bodies without `expect`, and
-- prints one machine-readable line at the end (latencies in microseconds).
wrk.method = method or "POST"
wrk.path = path
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  invalid = 0
end

function response(status, headers, response_body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  elseif expect ~= nil and not string.find(response_body, expect, 1, true) then
    invalid = invalid + 1
  end
end

function done(summary, latency, requests)
  local bad_status, bad_body = 0, 0
  for _, thread in ipairs(threads) do
    bad_status = bad_status + thread:get("non2xx")
    bad_body = bad_body + thread:get("invalid")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d"
      .. " non2xx=%d invalid=%d socket_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max, bad_status, bad_body,
    e.connect + e.read + e.write, e.timeout))
end
