namespace Marquee.Origin.Discovery;

/// <summary>What a rebuild did: the new model's version and size, and how long it took.</summary>
public sealed record RebuildSummary(long Version, int Titles, int Profiles, int Signals, int NeighboursChanged, int ChartEntries, double Seconds);
