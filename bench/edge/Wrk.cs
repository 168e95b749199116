using System.Globalization;
using System.Text.RegularExpressions;

namespace Marquee.Bench.Edge;

/// <summary>
/// Runs wrk with a Lua script that cycles through a list of paths (each thread from its own offset) and prints
/// one machine-readable line at the end, parsed into a <see cref="WrkResult"/>.
/// </summary>
internal static partial class Wrk
{
    private const string Script = """
        local counter = 0
        function setup(thread)
          thread:set("id", counter)
          counter = counter + 1
        end
        function init(args)
          paths = {}
          for line in io.lines(args[1]) do paths[#paths + 1] = line end
          i = (id * 7919) % #paths
        end
        function request()
          i = i + 1
          if i > #paths then i = 1 end
          return wrk.format("GET", paths[i])
        end
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("RESULT requests=%d bytes=%d duration_us=%d errors=%d status_errors=%d p50_us=%d p99_us=%d\n",
            summary.requests, summary.bytes, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
            latency:percentile(50), latency:percentile(99)))
        end
        """;

    public static string WriteScript(string folder)
    {
        var path = Path.Combine(folder, "cycle.lua");
        File.WriteAllText(path, Script);
        return path;
    }

    public static async Task<WrkResult> RunAsync(string script, Uri server, string pathsFile, int threads, int connections, int seconds, CancellationToken cancellationToken)
    {
        var (code, output, error) = await ChildProcess.RunAsync("wrk",
        [
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s",
            "-s", script,
            server.AbsoluteUri,
            "--", pathsFile,
        ], cancellationToken);
        var match = ResultLine().Match(output);
        if (code != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk failed ({code}): {output}\n{error}");
        }

        long Get(string name) => long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        return new WrkResult(Get("requests"), Get("bytes"), TimeSpan.FromMicroseconds(Get("duration")), Get("errors"), Get("status"),
            TimeSpan.FromMicroseconds(Get("p50")), TimeSpan.FromMicroseconds(Get("p99")));
    }

    [GeneratedRegex(@"RESULT requests=(?<requests>\d+) bytes=(?<bytes>\d+) duration_us=(?<duration>\d+) errors=(?<errors>\d+) status_errors=(?<status>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+)")]
    private static partial Regex ResultLine();
}
