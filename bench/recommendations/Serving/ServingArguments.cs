using System.Globalization;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// The serving mode's command line: the catalog's size, how many profiles have history and how much, the measured
/// viewer's history, the request rate, how long each viewer is measured and in what rounds, the warm-up, the seed,
/// <c>--keep DIR</c> (work there, keep logs and results, and reuse the seeded catalog on the next run), and
/// <c>--perf S</c> (after measuring, profile the origin with perf for S seconds of the personal viewer's browse).
/// </summary>
internal sealed record ServingArguments(
    int Titles, int Profiles, int History, int ViewerHistory, double Rate, int Seconds, int RoundSeconds, int WarmupSeconds, double TargetMs, int Seed, string? Keep, int PerfSeconds = 0)
{
    public const string Usage =
        "usage: run serving [--titles N] [--profiles N] [--history N] [--viewer-history N] [--rate R] [--seconds S] [--round S] [--warmup S] [--target-ms MS] [--seed N] [--keep DIR] [--perf S]";

    // 5 requests/s: at 100,000 titles one browse costs the origin a tenth of a second of CPU or more, so 20/s would need
    // more than the 2 cores and measure only the queue (open loop); --rate 20 shows that.
    public static ServingArguments Defaults => new(100_000, 2_000, 50, 100, 5, 60, 10, 15, 50, 1, null);

    /// <summary>Null when the arguments are wrong or help was asked for; <paramref name="error"/> says which.</summary>
    public static ServingArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var parsed = Defaults;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--titles" when Integer(value, 1_000, 10_000_000) is { } n:
                    parsed = parsed with { Titles = n };
                    break;
                case "--profiles" when Integer(value, 10, 1_000_000) is { } n:
                    parsed = parsed with { Profiles = n };
                    break;
                case "--history" when Integer(value, 1, 10_000) is { } n:
                    parsed = parsed with { History = n };
                    break;
                case "--viewer-history" when Integer(value, 1, 10_000) is { } n:
                    parsed = parsed with { ViewerHistory = n };
                    break;
                case "--seconds" when Integer(value, 1, 86_400) is { } n:
                    parsed = parsed with { Seconds = n };
                    break;
                case "--round" when Integer(value, 1, 86_400) is { } n:
                    parsed = parsed with { RoundSeconds = n };
                    break;
                case "--warmup" when Integer(value, 0, 86_400) is { } n:
                    parsed = parsed with { WarmupSeconds = n };
                    break;
                case "--seed" when Integer(value, 0, int.MaxValue - 10) is { } n:
                    parsed = parsed with { Seed = n };
                    break;
                case "--rate" when Number(value, 10_000) is { } rate:
                    parsed = parsed with { Rate = rate };
                    break;
                case "--target-ms" when Number(value, 100_000) is { } ms:
                    parsed = parsed with { TargetMs = ms };
                    break;
                case "--perf" when Integer(value, 1, 3_600) is { } n:
                    parsed = parsed with { PerfSeconds = n };
                    break;
                case "--keep" when !string.IsNullOrWhiteSpace(value):
                    parsed = parsed with { Keep = Path.GetFullPath(value) };
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    error = value is null || !args[i].StartsWith("--", StringComparison.Ordinal)
                        ? $"unexpected argument '{args[i]}'"
                        : $"unexpected argument '{args[i]} {value}' (a number in range, or a folder for --keep)";
                    return null;
            }

            i++;
        }

        if (parsed.RoundSeconds > parsed.Seconds)
        {
            parsed = parsed with { RoundSeconds = parsed.Seconds };
        }

        return parsed;
    }

    /// <summary>Requests per viewer per round, and how many rounds make up <see cref="Seconds"/>.</summary>
    public int PerRound => Math.Max(1, (int)Math.Round(Rate * RoundSeconds));

    public int Rounds => Math.Max(1, (int)Math.Ceiling((double)Seconds / RoundSeconds));

    private static int? Integer(string? text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    private static double? Number(string? text, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max ? n : null;
}
