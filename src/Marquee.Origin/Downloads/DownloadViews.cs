namespace Marquee.Origin.Downloads;

/// <summary>
/// A licence as the app sees it. <see cref="Key"/> and <see cref="Media"/> only while it is active; every answer
/// carries a fresh token, so an app whose token ran out asks again (a check-in) and goes on.
/// </summary>
/// <param name="Name">The film's name, or "Series · S1 E2 · Episode".</param>
/// <param name="Reason">Why it is not active, as a sentence to show.</param>
/// <param name="CheckInBy">The app must check in (<c>GET /api/v1/downloads?deviceId=…</c>) before this.</param>
/// <param name="ServerTime">The server's clock, so the app can tell when its own was set back.</param>
/// <param name="Key">Base64 of the 16-byte AES key of the stored segments.</param>
/// <param name="MaxBytesPerSecond">The downloader's total rate cap (0: none).</param>
public sealed record DownloadView(
    string Id,
    string TitleId,
    string? EpisodeId,
    string Name,
    string? PosterUrl,
    double? DurationSeconds,
    string DeviceId,
    int Height,
    string Status,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int PlayWindowHours,
    DateTimeOffset? FirstPlayedAt,
    DateTimeOffset CheckInBy,
    DateTimeOffset ServerTime,
    string? Key,
    long MaxBytesPerSecond,
    DownloadMedia? Media);

/// <param name="MultivariantUrl">The HLS package through the best edge, with the token; variants above the granted height are left out.</param>
/// <param name="BaseUrls">Edges best first, then the origin: on a failure, the same path under the next one.</param>
public sealed record DownloadMedia(string MultivariantUrl, string Token, DateTimeOffset TokenExpiresAt, IReadOnlyList<string> BaseUrls);

public sealed record DownloadsView(IReadOnlyList<DownloadView> Items);

/// <param name="Downloads">Active downloads on the device, every profile's.</param>
public sealed record DeviceView(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, int Downloads);

/// <param name="Limit">Devices with downloads the plan allows at once.</param>
public sealed record DevicesView(int Limit, IReadOnlyList<DeviceView> Items);
