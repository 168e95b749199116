namespace Marquee.Media.Probing;

/// <summary>What ffprobe found in a file.</summary>
public sealed record ProbeResult(string FormatName, TimeSpan Duration, long SizeBytes, IReadOnlyList<ProbeTrack> Streams);
