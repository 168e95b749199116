using System.Globalization;

namespace Marquee.Bench.Party;

/// <summary>The bench's options; the sizes default to the figures, the times to a run of about 5 minutes.</summary>
internal sealed record PartyArguments
{
    public const string Usage = """
        usage: bench/party/run [OPTIONS]
          --scenario LIST   all, or some of drift,pause,chaos,scale separated by commas (all = drift,chaos,scale;
                            drift also reports the pause rows)
          --rtt LIST        round trips (ms) of the drift and pause runs (150,300); a party's members get evenly
                            spread round trips from 0.3x to 1x the figure, in shuffled order, so the slowest has it
          --jitter LO-HI    each member's jitter on every message, as a fraction of its one-way latency (0.10-0.20)
          --skew MS         each member's clock is off by a uniform -MS..+MS (500)
          --parties N       parties per group in the drift, pause and chaos runs (4)
          --size N          members per party in those runs, the host included (5)
          --seconds S       measured seconds of each drift, pause and chaos run (45)
          --members N       members in the scale run (1000), 10 to a party
          --scale-seconds S measured seconds of the scale run (45)
          --seed N          (1)
          --keep DIR        keep the work folder (origin data, log, results); a later run reuses its seeded accounts
          --self-check      check the clock, ladder, player and statistics maths offline (no origin) and exit
        Every group of synced members (the contract's client: clock sync, states applied at their server time, the
        correction ladder) runs beside a group of naive members (each state applied on receipt) with the same links,
        clocks and host commands, in the same run. The truth is the harness's clock: every member's position at the
        same true instant, every 100 ms; drift = max - min in a party.
        targets: p95 drift <= 100 ms at 150 ms round trip and <= 250 ms at 300 ms (during play and after commands);
        a pause reaches every member within 300 ms p95 (at 150 ms); no party waits > 15 s in the chaos run;
        1,000 members in 100 parties on one origin with its CPU reported.
        exit 0 when every target is met, 1 when one is not, 2 on a usage, build or run error.
        """;

    public HashSet<string> Scenarios { get; init; } = ["drift", "chaos", "scale"];
    public List<double> Rtts { get; init; } = [150, 300];
    public double JitterLow { get; init; } = 0.10;
    public double JitterHigh { get; init; } = 0.20;
    public double SkewMs { get; init; } = 500;
    public int Parties { get; init; } = 4;
    public int Size { get; init; } = 5;
    public int Seconds { get; init; } = 45;
    public int Members { get; init; } = 1000;
    public int ScaleSeconds { get; init; } = 45;
    public int Seed { get; init; } = 1;
    public string? Keep { get; init; }
    public bool SelfCheck { get; init; }

    public const int ScalePartySize = 10;

    /// <summary>Members the largest scenario needs at once (both groups); accounts are made for that many.</summary>
    public int MembersNeeded => Math.Max(
        Scenarios.Contains("scale") ? Members : 0,
        Math.Max(Scenarios.Contains("drift") || Scenarios.Contains("pause") ? Rtts.Count * 2 * Parties * Size : 0,
            Scenarios.Contains("chaos") ? 2 * Parties * ChaosSize : 0));

    public int ChaosSize => Math.Max(Size, 6);

    /// <summary>Null with a null error for --help; null with an error when the arguments are wrong.</summary>
    public static PartyArguments? Parse(string[] args, out string? error)
    {
        error = null;
        var result = new PartyArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                return null;
            }

            if (name == "--self-check")
            {
                result = result with { SelfCheck = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            int Int(int min, int max) =>
                int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
                    : throw new FormatException($"{name} must be a whole number from {min} to {max}, not '{value}'");

            try
            {
                result = name switch
                {
                    "--scenario" => result with { Scenarios = ParseScenarios(value) },
                    "--rtt" => result with { Rtts = ParseRtts(value) },
                    "--jitter" => ParseJitter(result, value),
                    "--skew" => result with { SkewMs = Int(0, 60_000) },
                    "--parties" => result with { Parties = Int(1, 100) },
                    "--size" => result with { Size = Int(2, 10) },
                    "--seconds" => result with { Seconds = Int(10, 3600) },
                    "--members" => result with { Members = Int(ScalePartySize * 2, 10_000) },
                    "--scale-seconds" => result with { ScaleSeconds = Int(10, 3600) },
                    "--seed" => result with { Seed = Int(0, int.MaxValue) },
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

        return result;
    }

    private static HashSet<string> ParseScenarios(string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (parts.Remove("all"))
        {
            parts.UnionWith(["drift", "chaos", "scale"]);
        }

        return parts.Count > 0 && parts.All(p => p is "drift" or "pause" or "chaos" or "scale")
            ? parts
            : throw new FormatException($"--scenario takes all, or drift, pause, chaos and scale separated by commas, not '{value}'");
    }

    private static List<double> ParseRtts(string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rtts = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 5000 ? r : double.NaN).ToList();
        return rtts.Count > 0 && rtts.All(r => !double.IsNaN(r)) ? rtts
            : throw new FormatException($"--rtt takes round trips in ms (0 to 5000) separated by commas, not '{value}'");
    }

    private static PartyArguments ParseJitter(PartyArguments result, string value)
    {
        var parts = value.Split('-');
        return parts.Length == 2
               && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var low)
               && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var high)
               && low >= 0 && low <= high && high < 1
            ? result with { JitterLow = low, JitterHigh = high }
            : throw new FormatException($"--jitter takes LO-HI as fractions of the one-way latency (e.g. 0.10-0.20), not '{value}'");
    }

    /// <summary>The drift target at a round trip: ≤ 100 ms at 150 ms, ≤ 250 ms at 300 ms; none above.</summary>
    public static double? DriftTargetMs(double rttMs) => rttMs <= 150 ? 100 : rttMs <= 300 ? 250 : null;

    public const double PauseTargetMs = 300;
    public const double PauseTargetRttMs = 150;
    public const double WaitingTargetMs = 15_000;
}
