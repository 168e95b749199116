using Marquee.Bench.Recommendations.Evaluation;
using Marquee.Bench.Recommendations.Serving;
using Marquee.Origin.Discovery.Model;

// bench/recommendations: `evaluate` (offline evaluation of the model) and `serving` (browse latency with personal rows).
var mode = args.Length > 0 ? args[0] : "evaluate";
switch (mode)
{
    case "evaluate":
        var options = Arguments.Parse(args.Skip(1).ToArray());
        return Evaluation.Run(options.GetValueOrDefault("titles", 5000), options.GetValueOrDefault("profiles", 20000),
            options.GetValueOrDefault("events", 1_000_000), options.GetValueOrDefault("seed", 1), new NeighbourOptions
            {
                Keep = options.GetValueOrDefault("keep", 40),
                Shrinkage = options.GetValueOrDefault("shrinkage", 10),
                EvidenceHalf = options.GetValueOrDefault("evidence-half", 15),
                ContentScale = options.GetValueOrDefault("content-scale-pct", 30) / 100f,
            });
    case "serving":
        return await ServingBench.MainAsync(args[1..]);
    default:
        Console.Error.WriteLine($"unknown mode '{mode}': use evaluate or serving");
        return 2;
}

internal static class Arguments
{
    public static Dictionary<string, int> Parse(string[] args)
    {
        var result = new Dictionary<string, int>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            result[args[i].TrimStart('-')] = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }
}
