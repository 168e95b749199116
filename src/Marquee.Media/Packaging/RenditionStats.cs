namespace Marquee.Media.Packaging;

/// <summary>Measured bandwidth of one rendition, from its segments on disk (bits per second).</summary>
public sealed record RenditionStats(long PeakBitsPerSecond, long AverageBitsPerSecond, int SegmentCount, double DurationSeconds);
