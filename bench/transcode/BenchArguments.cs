using System.Globalization;

namespace Marquee.Bench.Transcode;

/// <summary>The command line: <c>--runs N</c> (default 1) and <c>--out DIR</c> (default this project's <c>out/</c>).</summary>
internal sealed record BenchArguments(int Runs, string OutFolder)
{
    public const string Usage = "usage: run [--runs N] [--out DIR]";

    /// <summary>Null when the arguments are wrong or help was asked for; <paramref name="error"/> says which.</summary>
    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var runs = 1;
        var outFolder = DefaultOutFolder();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Count
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1:
                    runs = n;
                    i++;
                    break;
                case "--out" when i + 1 < args.Count:
                    outFolder = Path.GetFullPath(args[i + 1]);
                    i++;
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    error = $"unexpected argument '{args[i]}'";
                    return null;
            }
        }

        return new BenchArguments(runs, outFolder);
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
