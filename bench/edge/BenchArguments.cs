using System.Globalization;

namespace Marquee.Bench.Edge;

/// <summary>
/// The command line: the mode (plain HTTP, TLS, idle connections), rounds, seconds per load run, connections,
/// threads, how many idle connections, the output folder.
/// </summary>
internal sealed record BenchArguments(BenchMode Mode, int Rounds, int Seconds, int Connections, int Threads, int IdleCount, bool SendFiles, string OutFolder)
{
    public const string Usage = """
        usage: run [--tls | --idle] [--rounds N] [--seconds S] [--connections C] [--threads T] [--idle-count N] [--from-memory] [--out DIR]
          (default)  plain HTTP/1.1: wrk at C connections (64), then at 1024 for p99
          --tls      HTTPS, one self-signed certificate for both: HTTP/1.1 keep-alive (wrk) and HTTP/2 (h2load)
          --idle     resident memory per idle keep-alive connection, N connections (10000) to each server
          --from-memory  the edge's fast path sends large hot bodies from its array rather than by sendfile
        """;

    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        int rounds = 5, seconds = 10, connections = 64, threads = 2, idleCount = 10_000;
        var mode = BenchMode.Plain;
        var sendFiles = true;
        var outFolder = BenchFolder.Out("Marquee.Bench.Edge.csproj");
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--rounds" when Positive(value, out rounds):
                case "--seconds" when Positive(value, out seconds):
                case "--connections" when Positive(value, out connections):
                case "--threads" when Positive(value, out threads):
                case "--idle-count" when Positive(value, out idleCount):
                    i++;
                    break;
                case "--tls":
                    mode = BenchMode.Tls;
                    break;
                case "--idle":
                    mode = BenchMode.Idle;
                    break;
                case "--from-memory":
                    sendFiles = false;
                    break;
                case "--out" when value is not null:
                    outFolder = Path.GetFullPath(value);
                    i++;
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    error = $"unexpected argument '{args[i]}'";
                    return null;
            }
        }

        return new BenchArguments(mode, rounds, seconds, connections, threads, idleCount, sendFiles, outFolder);
    }

    private static bool Positive(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
