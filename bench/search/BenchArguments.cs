using System.Globalization;

namespace Marquee.Bench.Search;

/// <summary>
/// The command line: <c>--titles N</c> (100,000), <c>--queries N</c> (1,000), <c>--rate R</c> requests per second
/// (100), <c>--warmup N</c> queries per engine (600), <c>--seed N</c> (1) and <c>--keep DIR</c> (work there and keep it).
/// </summary>
internal sealed record BenchArguments(int Titles, int Queries, double Rate, int Warmup, int Seed, string? Keep)
{
    public const string Usage = "usage: run [--titles N] [--queries N] [--rate R] [--warmup N] [--seed N] [--keep DIR]";

    /// <summary>Null when the arguments are wrong or help was asked for; <paramref name="error"/> says which.</summary>
    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        // 600 warm-up queries: .NET's tiered JIT keeps optimizing the query paths for a few hundred requests, and a
        // running origin is long past that; with 200 the first measured block still pays for it (p99 22 ms, not 17).
        var parsed = new BenchArguments(100_000, 1_000, 100, 600, 1, null);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--titles" when Integer(value, 100, 10_000_000) is { } n:
                    parsed = parsed with { Titles = n };
                    i++;
                    break;
                case "--queries" when Integer(value, 10, 1_000_000) is { } n:
                    parsed = parsed with { Queries = n };
                    i++;
                    break;
                case "--warmup" when Integer(value, 0, 1_000_000) is { } n:
                    parsed = parsed with { Warmup = n };
                    i++;
                    break;
                case "--seed" when Integer(value, 0, int.MaxValue - 2) is { } n:
                    parsed = parsed with { Seed = n };
                    i++;
                    break;
                case "--rate" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is > 0 and <= 10_000:
                    parsed = parsed with { Rate = rate };
                    i++;
                    break;
                case "--keep" when !string.IsNullOrWhiteSpace(value):
                    parsed = parsed with { Keep = Path.GetFullPath(value) };
                    i++;
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    error = value is null || !args[i].StartsWith("--", StringComparison.Ordinal)
                        ? $"unexpected argument '{args[i]}'"
                        : $"unexpected argument '{args[i]} {value}' (a number in range, or a folder for --keep)";
                    return null;
            }
        }

        return parsed;
    }

    private static int? Integer(string? text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;
}
