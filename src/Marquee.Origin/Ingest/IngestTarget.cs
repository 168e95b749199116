namespace Marquee.Origin.Ingest;

/// <summary>Where an ingested file goes when it does not make a new title: an existing movie, episode or trailer slot.</summary>
public sealed record IngestTarget(IngestTargetKind Kind, string Id);
