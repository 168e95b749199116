using Marquee.Bench.Search.Measuring;

namespace Marquee.Bench.Search;

/// <summary>Everything the benchmark found, as printed and as written to <c>results.json</c> in the work folder.</summary>
internal sealed record BenchResult(
    DateTimeOffset FinishedAt,
    int Cores,
    string LoadAverageBefore,
    string LoadAverageAfter,
    DatasetSummary Data,
    int Queries,
    int TypoQueries,
    int WarmupPerEngine,
    double Rate,
    int BlockSize,
    ServerSummary Origin,
    ServerSummary Reference,
    double BenchCpuMsPerRequest,
    LatencyStats Ours,
    LatencyStats Fts5,
    double RatioP50,
    double RatioP99,
    IReadOnlyList<KindQuality> Kinds,
    double TypoTop1Ours,
    double TypoTop1Fts5,
    double FullNameTop1Ours,
    double FullNameTop1Fts5,
    double P99TargetMs,
    double RatioTarget,
    double TypoTarget,
    bool LatencyPass,
    bool RatioPass,
    bool TypoPass,
    bool NoErrorsPass,
    bool Pass,
    string ResultLine,
    IReadOnlyList<string> Notes);
