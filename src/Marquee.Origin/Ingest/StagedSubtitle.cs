namespace Marquee.Origin.Ingest;

/// <summary>A sidecar subtitle as stored in a job row.</summary>
public sealed record StagedSubtitle(string Path, string Language, string Name);
