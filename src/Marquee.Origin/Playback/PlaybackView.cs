namespace Marquee.Origin.Playback;

/// <summary>
/// The answer to a granted playback. <see cref="Hls"/> and <see cref="Dash"/> point at the best edge with the token
/// in the query; <see cref="Edges"/> are every base URL to try, best first, the origin last; <see cref="LeaseId"/>
/// is the stream lease to renew with the progress heartbeat (<c>/api/v1/streams/{leaseId}/renew</c>) and release;
/// <see cref="ResumeAt"/> is the profile's saved position in seconds, null when there is none or it was finished.
/// </summary>
public sealed record PlaybackView(
    string Hls,
    string Dash,
    IReadOnlyList<string> Edges,
    IReadOnlyList<PathwayView> Pathways,
    string Token,
    DateTimeOffset ExpiresAt,
    string LeaseId,
    DateTimeOffset LeaseExpiresAt,
    int MaxHeight,
    double? ResumeAt);
