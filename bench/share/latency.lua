-- wrk script: requests rotate over the paths in $PATHS_FILE (one per line), and the summary prints one line of
-- JSON with requests/s and latency percentiles in milliseconds (wrk measures from sending to the whole answer; these
-- pages are a few kilobytes, so that is the time to first byte plus one packet).
local paths = {}
local index = 0

function init(args)
  for line in io.lines(os.getenv("PATHS_FILE")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index], { ["User-Agent"] = "Mozilla/5.0 (compatible; Discordbot/2.0)" })
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format('{"rps":%.1f,"p50":%.2f,"p95":%.2f,"p99":%.2f,"errors":%d,"non2xx":%d}\n',
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
