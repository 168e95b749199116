using Marquee.Bench.Edge;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Marquee.Bench.Scale;

/// <summary>
/// wrk with a Lua script that plays as a player does: <c>POST /api/v1/playback/{title}</c> with the thread's
/// viewer's bearer token, and each granted lease released with <c>DELETE /api/v1/streams/{leaseId}</c> before that
/// connection plays again. Each thread is one premium viewer (4 streams) with 4 connections, so a slot is always
/// free: the run measures authorization, not the stream cap.
/// </summary>
internal static partial class PlaybackWrk
{
    public const int ConnectionsPerThread = 4;

    private const string Script = """
        local counter = 0
        local threads = {}
        function setup(thread)
          thread:set("id", counter)
          counter = counter + 1
          table.insert(threads, thread)
        end
        function init(args)
          title = args[1]
          local n = 0
          for line in io.lines(args[2]) do
            if n == id then token = line end
            n = n + 1
          end
          headers = { ["Authorization"] = "Bearer " .. token, ["Content-Length"] = "0" }
          leases = {}
          granted, refused, capped, released = 0, 0, 0, 0
        end
        function request()
          if #leases > 0 then
            return wrk.format("DELETE", "/api/v1/streams/" .. table.remove(leases), headers)
          end
          return wrk.format("POST", "/api/v1/playback/" .. title, headers)
        end
        function response(status, headers, body)
          if status == 204 then
            released = released + 1
            return
          end
          local lease = status == 200 and body and string.match(body, '"leaseId":"([^"]+)"')
          if lease then
            granted = granted + 1
            table.insert(leases, lease)
          elseif status == 429 then
            capped = capped + 1
          else
            refused = refused + 1
          end
        end
        function done(summary, latency, requests)
          local g, r, c, d = 0, 0, 0, 0
          for _, t in ipairs(threads) do
            g = g + t:get("granted"); r = r + t:get("refused"); c = c + t:get("capped"); d = d + t:get("released")
          end
          local e = summary.errors
          io.write(string.format("RESULT granted=%d released=%d capped=%d refused=%d duration_us=%d errors=%d p50_us=%d p99_us=%d\n",
            g, d, c, r, summary.duration, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
        end
        """;

    public static string WriteScript(string folder)
    {
        var path = Path.Combine(folder, "playback.lua");
        File.WriteAllText(path, Script);
        return path;
    }

    public static async Task<PlaybackRun> RunAsync(string script, Uri server, string titleId, string tokensFile, int threads, int seconds, CancellationToken cancellationToken)
    {
        var (code, output, error) = await ChildProcess.RunAsync("wrk",
        [
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", (threads * ConnectionsPerThread).ToString(CultureInfo.InvariantCulture),
            "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s",
            "-s", script,
            server.AbsoluteUri,
            "--", titleId, tokensFile,
        ], cancellationToken);
        var match = ResultLine().Match(output);
        if (code != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk failed ({code}): {output}\n{error}");
        }

        long Get(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new PlaybackRun(Get("granted"), Get("released"), Get("capped"), Get("refused"), Get("errors"),
            TimeSpan.FromMicroseconds(Get("duration")), TimeSpan.FromMicroseconds(Get("p50")), TimeSpan.FromMicroseconds(Get("p99")));
    }

    [GeneratedRegex(@"RESULT granted=(?<granted>\d+) released=(?<released>\d+) capped=(?<capped>\d+) refused=(?<refused>\d+) duration_us=(?<duration>\d+) errors=(?<errors>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+)")]
    private static partial Regex ResultLine();
}

/// <summary>One wrk run: playbacks granted and leases released, 429s, other refusals, socket errors, latency of all requests.</summary>
internal sealed record PlaybackRun(long Granted, long Released, long Capped, long Refused, long SocketErrors, TimeSpan Duration, TimeSpan P50, TimeSpan P99)
{
    public double PlaybacksPerSecond => Granted / Duration.TotalSeconds;
}
