using System.Globalization;

namespace Marquee.Bench.Eviction;

/// <summary>
/// The command line: <c>--seed N</c>, <c>--sessions N</c> viewing sessions per α, <c>--titles N</c> in the catalog,
/// <c>--long-tail X</c> the share of sessions on titles watched once, <c>--trace-only</c> to print the workload and
/// stop (see <see cref="Usage"/> for the defaults).
/// </summary>
internal sealed record BenchArguments(int Seed, int Sessions, int Titles, double LongTail, bool TraceOnly)
{
    public const int DefaultSessions = 4_000;

    public const int DefaultTitles = 300;

    public const double DefaultLongTail = 0.05;

    public const string Usage =
        "usage: run [--seed N] [--sessions N] [--titles N] [--long-tail X] [--trace-only]\n" +
        "       (defaults: --seed 1 --sessions 4000 --titles 300 --long-tail 0.05)";

    /// <summary>Null when the arguments are wrong or help was asked for; <paramref name="error"/> says which.</summary>
    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var parsed = new BenchArguments(1, DefaultSessions, DefaultTitles, DefaultLongTail, false);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--seed" when Integer(value, 0, int.MaxValue) is { } n:
                    parsed = parsed with { Seed = n };
                    i++;
                    break;
                case "--sessions" when Integer(value, 100, 1_000_000) is { } n:
                    parsed = parsed with { Sessions = n };
                    i++;
                    break;
                case "--titles" when Integer(value, 10, 1_000_000) is { } n:
                    parsed = parsed with { Titles = n };
                    i++;
                    break;
                case "--long-tail" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and < 1:
                    parsed = parsed with { LongTail = share };
                    i++;
                    break;
                case "--trace-only":
                    parsed = parsed with { TraceOnly = true };
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    error = value is null || !args[i].StartsWith("--", StringComparison.Ordinal)
                        ? $"unexpected argument '{args[i]}'"
                        : $"unexpected argument '{args[i]} {value}' (--seed 0.., --sessions 100..1000000, --titles 10..1000000, --long-tail 0..1)";
                    return null;
            }
        }

        return parsed;
    }

    private static int? Integer(string? text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;
}
