namespace Marquee.Origin.Progress;

/// <summary>
/// The player's position, sent with the stream lease's heartbeat (<c>POST /api/v1/streams/{leaseId}/renew</c>).
/// <paramref name="PlaybackId"/> is the id given to <c>POST /api/v1/playback/{id}</c>: the movie or the episode.
/// </summary>
public sealed record ProgressReport(string? PlaybackId, double? PositionSeconds, double? DurationSeconds);
