using Marquee.Media.Transcoding;
using Marquee.Origin.Catalog;
using Marquee.Origin.Playback;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Downloads;

/// <summary>A licence as the app sees it, with a fresh token and the edges to fetch from while it is active.</summary>
public sealed class DownloadViewer(MediaRoutes routes, IOptions<DownloadOptions> options, TimeProvider clock)
{
    /// <param name="playable">What the licence names now, or null when it is gone from the service.</param>
    public async Task<DownloadView> ForAsync(DownloadLicence licence, Playable? playable, HttpContext http, string? country, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var status = licence.StatusAt(now.ToUnixTimeMilliseconds());
        var active = status == DownloadStatus.Active && playable is not null;
        DownloadMedia? media = null;
        if (active)
        {
            var route = await routes.ForAsync(http, country, playable!.Asset.Id, playable.PathPrefix, licence.Id, licence.Height, download: true, cancellationToken);
            media = new DownloadMedia(route.Url(OutputLayout.HlsMultivariant), route.Token, route.Claims.ExpiresAt, [.. route.Pathways.Select(p => p.BaseUrl)]);
        }

        return new DownloadView(
            licence.Id,
            licence.TitleId,
            licence.EpisodeId,
            licence.Name,
            playable is null ? null : CatalogLoader.Poster(playable.Asset.Id, playable.Asset.PublishedVersion),
            playable?.Asset.DurationSeconds,
            licence.DeviceId,
            licence.Height,
            status.ToString().ToLowerInvariant(),
            status switch
            {
                DownloadStatus.Revoked => licence.RevokedReason,
                DownloadStatus.Expired when licence.FirstPlayedAtMs is null => "This download expired unwatched; renew it to keep watching.",
                DownloadStatus.Expired when licence.FirstPlayedAtMs is { } firstPlay && licence.ExpiresAtMs == licence.PlayWindowEndMs(firstPlay) =>
                    $"This download expired {licence.PlayWindowHours} hours after it was first played; renew it to watch again.",
                DownloadStatus.Expired => "This download expired; renew it to keep watching.",
                _ => null,
            },
            At(licence.CreatedAtMs),
            At(licence.ExpiresAtMs),
            licence.PlayWindowHours,
            licence.FirstPlayedAtMs is { } played ? At(played) : null,
            At(licence.CheckInByMs),
            now,
            active ? Convert.ToBase64String(licence.Key) : null,
            options.Value.MaxBytesPerSecond,
            media);
    }

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
