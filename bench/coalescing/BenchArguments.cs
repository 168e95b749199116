using System.Globalization;
using Marquee.Bench.Edge;

namespace Marquee.Bench.Coalescing;

/// <summary>
/// The command line: cold objects per side (<c>--objects</c>), concurrent clients per object (<c>--clients</c>),
/// the upstream's first-byte latency (<c>--latency-ms</c>) and bandwidth per response (<c>--mbps</c>), object size.
/// </summary>
internal sealed record BenchArguments(int Objects, int Clients, int LatencyMs, int Mbps, int ObjectBytes, string OutFolder)
{
    public const string Usage = "usage: run [--objects K] [--clients N] [--latency-ms L] [--mbps M] [--bytes B] [--out DIR]";

    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        int objects = 20, clients = 50, latency = 50, mbps = 200, bytes = 1_500_000;
        var outFolder = BenchFolder.Out("Marquee.Bench.Coalescing.csproj");
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--objects" when Positive(value, out objects):
                case "--clients" when Positive(value, out clients):
                case "--latency-ms" when Positive(value, out latency):
                case "--mbps" when Positive(value, out mbps):
                case "--bytes" when Positive(value, out bytes):
                    i++;
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

        return new BenchArguments(objects, clients, latency, mbps, bytes, outFolder);
    }

    private static bool Positive(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
