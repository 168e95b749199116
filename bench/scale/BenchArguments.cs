using System.Globalization;

namespace Marquee.Bench.Scale;

/// <summary>The command line: which bench, and its knobs.</summary>
internal sealed record BenchArguments(string Bench, int Rounds, int Seconds, int Threads, IReadOnlyList<int> Edges, int Window, int Rate, int WriteRate, string OutFolder, string Repository, bool Profile, int MinThreads, IReadOnlyList<string> Databases, int FillTitles)
{
    public const string Usage = """
        usage: run playback   [--rounds N] [--seconds S] [--threads T]
               run heartbeats [--edges 100,1000,10000] [--window S] [--databases sqlite,postgres,pgredis] [--fill-titles N] [--profile]
               run search     [--rounds N] [--seconds S] [--rate R] [--write-rate W] [--min-threads N]
          playback    playbacks/s of 2 origins (PostgreSQL + Redis, haproxy) ÷ 1 origin (SQLite); wrk -tT -c4T, rounds (5) of S s (10)
          heartbeats  origin CPU per heartbeat of N simulated edges at a 5 s interval, SQLite, PostgreSQL and PostgreSQL + Redis; steady window S s (30)
          search      search p50/p99 on origin 2 at R/s (50) with and without W admin writes/s (5) on origin 1, rounds (4) of S s (15) each;
                      then how long a title created on origin 1 takes to be found on origin 2
          --databases heartbeats: which backings to run, any of sqlite, postgres, pgredis (default all three)
          --fill-titles N  heartbeats: every region's fill list holds N titles of 1,209 objects each (default 10; 0: an empty list)
          --profile   heartbeats: perf record -g the origin over each window; top symbols in out/heartbeats/perf-*.txt
          --min-threads N  search: the origins' thread pool starts with N worker threads (a starvation check)
          --out DIR   where results and scratch folders go (default bench/scale/out)
        """;

    /// <summary>The heartbeats bench's backings: SQLite, PostgreSQL, and PostgreSQL with Redis.</summary>
    public static readonly IReadOnlyList<string> AllDatabases = ["sqlite", "postgres", "pgredis"];

    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0 || args[0] is not ("playback" or "heartbeats" or "search"))
        {
            error = args.Count == 0 ? "which bench? playback, heartbeats or search" : $"unknown bench '{args[0]}'";
            return null;
        }

        var bench = args[0];
        int fillTitles = 10, rounds = bench == "search" ? 4 : 5, seconds = bench == "search" ? 15 : 10, threads = 8, minThreads = 0, window = 30, rate = 50, writeRate = 5;
        IReadOnlyList<int> edges = [100, 1000, 10_000];
        var outFolder = BenchFolder.Out("Marquee.Bench.Scale.csproj");
        var profile = false;
        IReadOnlyList<string> databases = [.. AllDatabases];
        for (var i = 1; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--rounds" when Positive(value, out rounds):
                case "--seconds" when Positive(value, out seconds):
                case "--threads" when Positive(value, out threads):
                case "--min-threads" when Positive(value, out minThreads):
                case "--window" when Positive(value, out window):
                case "--fill-titles" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out fillTitles) && fillTitles <= 1000:
                case "--rate" when Positive(value, out rate):
                case "--write-rate" when Positive(value, out writeRate):
                    i++;
                    break;
                case "--edges" when value is not null && value.Split(',').All(v => Positive(v, out _)):
                    edges = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
                    i++;
                    break;
                case "--databases" when value is not null && value.Split(',').All(AllDatabases.Contains):
                    databases = value.Split(',');
                    i++;
                    break;
                case "--profile":
                    profile = true;
                    break;
                case "--out" when value is not null:
                    outFolder = Path.GetFullPath(value);
                    i++;
                    break;
                default:
                    error = $"unexpected argument '{args[i]}'";
                    return null;
            }
        }

        return new BenchArguments(bench, rounds, seconds, threads, edges, window, rate, writeRate, outFolder, FindRepository(), profile, minThreads, databases, fillTitles);
    }

    /// <summary>The repository root: the folder above bench/ that holds src/Marquee.Cli.</summary>
    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "Marquee.Cli")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("could not find the repository (src/Marquee.Cli) above the bench's build output");
    }

    private static bool Positive(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
