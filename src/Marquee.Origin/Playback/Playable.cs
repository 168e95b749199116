using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Playback;

/// <summary>
/// What a playback id names: a movie, or an episode (licensed, rated and published with its series), with the
/// ready media asset to stream. Null when there is nothing playable under that id.
/// </summary>
public sealed record Playable(Title Title, MediaAsset Asset)
{
    public string PathPrefix => $"/media/{Asset.Id}/v{Asset.PublishedVersion}/";

    public static async Task<Playable?> FindAsync(MarqueeDbContext db, string id, CancellationToken cancellationToken)
    {
        if (id.Length is 0 or > 32)
        {
            return null;
        }

        var title = await db.Titles.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.Published && t.DeletedAtMs == null, cancellationToken);
        var assetId = title?.AssetId;
        if (title is null)
        {
            var episode = await db.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
            title = episode is null ? null
                : await db.Titles.AsNoTracking().SingleOrDefaultAsync(t => t.Id == episode.SeriesId && t.Published && t.DeletedAtMs == null, cancellationToken);
            assetId = episode?.AssetId;
        }

        var asset = title is null || assetId is null ? null
            : await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assetId && a.Status == AssetStatus.Ready && a.PublishedVersion > 0, cancellationToken);
        return asset is null ? null : new Playable(title!, asset);
    }
}
