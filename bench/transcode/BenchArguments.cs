using System.Globalization;

namespace Marquee.Bench.Transcode;

/// <summary>
/// The command line: <c>--runs N</c> (default 1), <c>--out DIR</c> (default this project's <c>out/</c>),
/// <c>--only process|per-title</c> (default both comparisons), <c>--seconds S</c> (length of the per-title sources,
/// default 30), <c>--quick</c> (the per-title comparison alone on 12 s sources), <c>--holdout</c> (the per-title
/// comparison on sources the mapping was not fitted to) and <c>--calibrate [SCALES]</c> (the sweep the per-title
/// mapping was fitted to, instead of the comparisons).
/// </summary>
internal sealed record BenchArguments(
    int Runs, string OutFolder, bool Process, bool PerTitle, int SourceSeconds, bool Holdout, IReadOnlyList<double>? CalibrationScales)
{
    public const string Usage = "usage: run [--runs N] [--out DIR] [--only process|per-title] [--seconds S] [--quick] [--holdout] [--calibrate [0.25,0.5,1,1.5]]";

    public const int DefaultSourceSeconds = 30;

    public const int QuickSourceSeconds = 12;

    private static readonly double[] DefaultScales = [0.25, 0.35, 0.5, 0.7, 1.0, 1.4];

    /// <summary>Null when the arguments are wrong or help was asked for; <paramref name="error"/> says which.</summary>
    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var runs = 1;
        var outFolder = DefaultOutFolder();
        var process = true;
        var perTitle = true;
        var seconds = DefaultSourceSeconds;
        var holdout = false;
        IReadOnlyList<double>? scales = null;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var next = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--runs" when int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1:
                    runs = n;
                    i++;
                    break;
                case "--out" when next is not null:
                    outFolder = Path.GetFullPath(next);
                    i++;
                    break;
                case "--only" when next is "process" or "per-title":
                    process = next == "process";
                    perTitle = next == "per-title";
                    i++;
                    break;
                case "--seconds" when int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 2 and <= 600:
                    seconds = s;
                    i++;
                    break;
                case "--quick":
                    process = false;
                    perTitle = true;
                    seconds = QuickSourceSeconds;
                    break;
                case "--holdout":
                    holdout = true;
                    break;
                case "--calibrate":
                    scales = DefaultScales;
                    if (next is not null && !next.StartsWith("--", StringComparison.Ordinal))
                    {
                        scales = ParseScales(next);
                        if (scales is null)
                        {
                            error = $"'--calibrate {next}': expected scales such as 0.25,0.5,1,1.5";
                            return null;
                        }

                        i++;
                    }

                    break;
                case "-h" or "--help":
                    return null;
                default:
                    error = $"unexpected argument '{args[i]}'";
                    return null;
            }
        }

        return new BenchArguments(runs, outFolder, process, perTitle, seconds, holdout, scales);
    }

    private static List<double>? ParseScales(string text)
    {
        var scales = new List<double>();
        foreach (var part in text.Split(','))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || scale is <= 0 or > 10)
            {
                return null;
            }

            scales.Add(scale);
        }

        return scales;
    }

    /// <summary><c>bench/transcode/out</c>, found from the build output by walking up to the project file.</summary>
    private static string DefaultOutFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Marquee.Bench.Transcode.csproj")))
            {
                return Path.Combine(dir.FullName, "out");
            }
        }

        return Path.GetFullPath("out");
    }
}
