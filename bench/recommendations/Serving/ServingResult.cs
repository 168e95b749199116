namespace Marquee.Bench.Recommendations.Serving;

/// <summary>Everything a serving run found, as printed and as written to serving-results.json.</summary>
internal sealed record ServingResult(
    DateTimeOffset At,
    int Cores,
    string LoadBefore,
    string LoadAfter,
    int Titles,
    int Seed,
    SignalSummary Signals,
    double OriginReadySeconds,
    RebuildOutcome Rebuild,
    double? PersonalRowsAfterSeconds,
    double Rate,
    int Rounds,
    int PerRound,
    IReadOnlyList<ViewerResult> Viewers,
    double RatioP50,
    double RatioP99,
    double TargetMs,
    bool LatencyPass,
    bool PersonalRowsPresent,
    bool NoErrors,
    bool Pass,
    IReadOnlyList<string> Notes);
