-- report.lua: the done() hook shared by the scenario scripts. Prints one
-- machine-readable line: RESULT {json} (latencies in ms). Loaded with dofile() from
-- the scenario scripts; wrk runs with this folder as its working directory.
function report(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT {\"requests\":%d,\"seconds\":%.3f,\"rps\":%.2f,\"p50_ms\":%.3f,\"p90_ms\":%.3f," ..
    "\"p99_ms\":%.3f,\"max_ms\":%.3f,\"mean_ms\":%.3f,\"err_connect\":%d,\"err_read\":%d," ..
    "\"err_write\":%d,\"err_status\":%d,\"err_timeout\":%d}\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end

-- env(NAME): a required environment variable
function env(name)
  return assert(os.getenv(name), name .. " is not set")
end
