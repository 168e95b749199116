using System.ComponentModel.DataAnnotations;

namespace Marquee.Origin.Ingest;

/// <summary>Configuration section <c>Ingest</c>: the queue, the workers and the watch folder.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Transcoding workers in this process; 0 makes this origin API-only (workers run elsewhere).</summary>
    [Range(0, 16)]
    public int Workers { get; set; } = 1;

    /// <summary>How long a worker owns a job without renewing it; a dead worker's job is retried after this.</summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts before a job that keeps failing is marked failed for good.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Files dropped here are ingested once, then moved aside; empty for <c>{data}/watch</c>.</summary>
    public string? WatchFolder { get; set; }

    public bool WatchEnabled { get; set; } = true;

    /// <summary>How often the queue and the watch folder are looked at when nothing signals new work.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
