using System.Globalization;

namespace Marquee.Bench.Social;

/// <summary>The bench's options; every size has the figure as its default.</summary>
internal sealed record SocialArguments
{
    public const string Usage = """
        usage: bench/social/run [OPTIONS]
          --titles N          titles with comments (10000); the catalog is bench/search's generator
          --comments N        comments in all, replies and the moderated person's included (1000000)
          --commenters N      people who write them, Zipf-skewed (20000)
          --people N          opted-in profiles for matching (100000), each with 20-60 ratings
          --rated-titles N    titles the ratings fall on, in 50 planted taste clusters (3000)
          --moderated N       comments of the person whose comments are all removed (10000)
          --rate R            requests per second, open loop (20)
          --requests N        measured requests per query kind (1000)
          --round N           requests per round; the kinds alternate by round (200)
          --warmup N          warm-up requests per kind (100)
          --moderation-runs N remove-everything runs; the median is reported (3)
          --only LIST         comments,similar,moderation (all)
          --seed N            (1)
          --keep DIR          keep the work folder; a later run with the same sizes reuses its seeded database
          --held-index        experiment: before the origin starts, replace the comments' single-column Status index in its copy of
                              the database with a partial index of held comments by time (see README); off: the schema as migrated
          --perf S            also profile the origin with perf for S seconds of top comment pages and of similar people (off)
        targets: comment page of 50 p99 <= 20 ms, similar people p99 <= 50 ms, removing everything <= 10 s.
        """;

    public int Titles { get; init; } = 10_000;
    public int Comments { get; init; } = 1_000_000;
    public int Commenters { get; init; } = 20_000;
    public int People { get; init; } = 100_000;
    public int RatedTitles { get; init; } = 3_000;
    public int Moderated { get; init; } = 10_000;
    public double Rate { get; init; } = 20;
    public int Requests { get; init; } = 1_000;
    public int Round { get; init; } = 200;
    public int Warmup { get; init; } = 100;
    public int ModerationRuns { get; init; } = 3;
    public HashSet<string> Only { get; init; } = ["comments", "similar", "moderation"];
    public int Seed { get; init; } = 1;
    public string? Keep { get; init; }
    public int PerfSeconds { get; init; }
    public bool HeldIndex { get; init; }

    public const double CommentTargetMs = 20;
    public const double SimilarTargetMs = 50;
    public const double ModerationTargetSeconds = 10;

    /// <summary>What the seeded database holds; a kept folder is reused only for the same.</summary>
    public string DataKey => string.Create(CultureInfo.InvariantCulture,
        $"titles={Titles} comments={Comments} commenters={Commenters} people={People} rated={RatedTitles} moderated={Moderated} seed={Seed} generator={SocialData.Version}");

    /// <summary>Null with a null error for --help; null with an error when the arguments are wrong.</summary>
    public static SocialArguments? Parse(string[] args, out string? error)
    {
        error = null;
        var result = new SocialArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                return null;
            }

            if (name == "--held-index")
            {
                result = result with { HeldIndex = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            int Int(int min, int max)
            {
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
                {
                    throw new FormatException($"{name} must be a whole number from {min} to {max}, not '{value}'");
                }

                return n;
            }

            try
            {
                result = name switch
                {
                    "--titles" => result with { Titles = Int(10, 1_000_000) },
                    "--comments" => result with { Comments = Int(100, 50_000_000) },
                    "--commenters" => result with { Commenters = Int(20, 10_000_000) },
                    "--people" => result with { People = Int(100, 10_000_000) },
                    "--rated-titles" => result with { RatedTitles = Int(50, 1_000_000) },
                    "--moderated" => result with { Moderated = Int(1, 10_000_000) },
                    "--rate" => result with { Rate = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 10_000 ? r : throw new FormatException($"--rate must be a number of requests per second above 0, not '{value}'") },
                    "--requests" => result with { Requests = Int(1, 1_000_000) },
                    "--round" => result with { Round = Int(1, 1_000_000) },
                    "--warmup" => result with { Warmup = Int(0, 1_000_000) },
                    "--moderation-runs" => result with { ModerationRuns = Int(1, 100) },
                    "--only" => result with { Only = ParseOnly(value) },
                    "--seed" => result with { Seed = Int(0, int.MaxValue) },
                    "--perf" => result with { PerfSeconds = Int(1, 600) },
                    "--keep" => result with { Keep = Path.GetFullPath(value) },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (FormatException e)
            {
                error = e.Message;
                return null;
            }
        }

        if (result.Moderated >= result.Comments || result.Commenters + 10 > result.People || result.RatedTitles > result.Titles)
        {
            error = "--moderated must be below --comments, --commenters below --people, --rated-titles at most --titles";
            return null;
        }

        return result;
    }

    private static HashSet<string> ParseOnly(string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return parts.Count > 0 && parts.All(p => p is "comments" or "similar" or "moderation")
            ? parts
            : throw new FormatException($"--only takes comments, similar and moderation separated by commas, not '{value}'");
    }
}
