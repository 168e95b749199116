using System.ComponentModel.DataAnnotations;

namespace Marquee.Origin.Downloads;

/// <summary>Configuration section <c>Downloads</c>. A title's own settings (<c>downloadDays</c>, <c>downloadPlayHours</c>) win over the first two.</summary>
public sealed class DownloadOptions
{
    public const string Section = "Downloads";

    /// <summary>An unwatched download expires this long after it was made or last renewed.</summary>
    [Range(1, 365)]
    public int Days { get; set; } = 30;

    /// <summary>A started download expires this long after its first play (or sooner, at its unwatched expiry).</summary>
    [Range(1, 24 * 365)]
    public int PlayWindowHours { get; set; } = 48;

    /// <summary>The app must check in this often, or its downloads stop playing until it does.</summary>
    [Range(1, 365)]
    public int CheckInDays { get; set; } = 30;

    /// <summary>The quality downloaded when the app asks for none (or the plan's cap if lower).</summary>
    [Range(144, 4320)]
    public int DefaultHeight { get; set; } = 720;

    /// <summary>Active downloads one device may hold.</summary>
    [Range(1, 10_000)]
    public int MaxPerDevice { get; set; } = 100;

    /// <summary>
    /// The downloader's total rate, in bytes per second (0: none), so a download does not starve someone else's
    /// playback on the same connection. The default, 50 Mbit/s, is about ten 720p streams.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxBytesPerSecond { get; set; } = 6_250_000;
}
