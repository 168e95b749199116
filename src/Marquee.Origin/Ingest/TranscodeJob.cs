namespace Marquee.Origin.Ingest;

/// <summary>
/// One source to transcode, as a row of the durable queue. A worker owns a running job while its lease lasts and
/// renews it as it goes; a job whose lease ran out (its worker died) is taken again by the next worker.
/// </summary>
public sealed class TranscodeJob
{
    public required string Id { get; init; }

    public required string AssetId { get; init; }

    /// <summary>The staged source, a server-generated path inside the data directory.</summary>
    public required string SourcePath { get; init; }

    /// <summary>JSON array of staged sidecar subtitles: <c>[{"path":…,"language":…,"name":…}]</c>.</summary>
    public string Subtitles { get; init; } = "[]";

    public JobState State { get; set; }

    public int Attempts { get; set; }

    public string? LeaseOwner { get; set; }

    public long LeaseExpiresAtMs { get; set; }

    public double Progress { get; set; }

    public double Speed { get; set; }

    public string? Error { get; set; }

    public long CreatedAtMs { get; init; }

    public long UpdatedAtMs { get; set; }
}
