using System.Globalization;

namespace Marquee.Bench.Edge;

/// <summary>The command line: rounds, seconds per wrk run, connections, threads, the output folder.</summary>
internal sealed record BenchArguments(int Rounds, int Seconds, int Connections, int Threads, string OutFolder)
{
    public const string Usage = "usage: run [--rounds N] [--seconds S] [--connections C] [--threads T] [--out DIR]";

    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        int rounds = 5, seconds = 10, connections = 64, threads = 2;
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

        return new BenchArguments(rounds, seconds, connections, threads, outFolder);
    }

    private static bool Positive(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
