namespace Marquee.Bench.Search;

/// <summary>
/// The generated catalog and what making it cost. The seeding and build times are null when a kept folder's
/// databases were reused; the peak is the bench process's own resident memory up to then.
/// </summary>
internal sealed record DatasetSummary(
    int Titles,
    int Seed,
    int OfferedInUs,
    int DistinctWords,
    double GenerateSeconds,
    double? SeedSeconds,
    double? ReferenceBuildSeconds,
    double? OriginDatabaseMiB,
    double? BenchPeakRssMiB);
