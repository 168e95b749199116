using Marquee.Media.Transcoding;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Catalog;

/// <summary>Reads title pages from the database: metadata, licences, the media of the movie, its trailer and episodes.</summary>
public sealed class TitleQueries(MarqueeDbContext db)
{
    /// <summary>The title by id or slug, deleted ones excepted, with its licences; null when there is none.</summary>
    public Task<Title?> FindAsync(string idOrSlug, CancellationToken cancellationToken) =>
        db.Titles.AsNoTracking().Include(t => t.Licences)
            .Where(t => (t.Id == idOrSlug || t.Slug == idOrSlug) && t.DeletedAtMs == null)
            .OrderBy(t => t.Id == idOrSlug ? 0 : 1).ThenByDescending(t => t.Published).ThenBy(t => t.CreatedAtMs)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<TitleView> ViewAsync(Title title, string? access, CancellationToken cancellationToken)
    {
        var seasons = title.Kind == TitleKind.Series
            ? await db.Seasons.AsNoTracking().Include(s => s.Episodes).Where(s => s.SeriesId == title.Id).OrderBy(s => s.Number).ToListAsync(cancellationToken)
            : [];
        var assetIds = seasons.SelectMany(s => s.Episodes).Select(e => e.AssetId)
            .Append(title.AssetId).Append(title.TrailerAssetId).OfType<string>().ToList();
        var media = await MediaAsync(assetIds, cancellationToken);
        MediaView Media(string? assetId) => assetId is null ? MediaView.Missing : media.GetValueOrDefault(assetId, MediaView.Missing);

        var seasonViews = seasons.Select(s => new SeasonView(s.Id, s.Number, s.Name,
            s.Episodes.OrderBy(e => e.Number).Select(e => new EpisodeView(e.Id, e.Number, e.Name, e.Synopsis, e.RuntimeMinutes, Media(e.AssetId))).ToList())).ToList();
        var own = title.Kind == TitleKind.Series ? SeriesMedia(seasonViews) : Media(title.AssetId);
        var poster = title.PosterKey is null ? own.Poster : Artwork.Url(title.PosterKey);
        return new TitleView(
            title.Id, Kinds.Name(title.Kind), title.Name, title.Slug, title.Synopsis, CatalogLoader.Split(title.Genres), title.Year,
            title.RuntimeMinutes, title.OriginalLanguage, title.MaturityRating,
            title.Credits.Select(c => new CreditView(c.Name, c.Role, c.Character)).ToList(), access, title.Published, title.Shareable,
            own.AssetId, own.Status, own.Progress, own.Error, own.DurationSeconds, own.Hls, own.Dash, poster, own.Preview, own.Thumbnails, own.Subtitles,
            title.TrailerAssetId is null ? null : Media(title.TrailerAssetId), seasonViews);
    }

    /// <summary>
    /// A series is ready when one episode is, processing while one is, failed only when an episode's media failed, and
    /// missing while its episodes have no media yet. It has no manifests of its own, and the first playable episode's poster
    /// and preview.
    /// </summary>
    private static MediaView SeriesMedia(List<SeasonView> seasons)
    {
        var episodes = seasons.SelectMany(s => s.Episodes).Select(e => e.Media).ToList();
        var first = episodes.FirstOrDefault(m => m.Status == "ready");
        var status = first is not null ? "ready"
            : episodes.Any(m => m.Status == "processing") ? "processing"
            : episodes.Any(m => m.Status == "failed") ? "failed"
            : "missing";
        return new MediaView(null, status, null, null, null, null, null, first?.Poster, first?.Preview, null, []);
    }

    private async Task<Dictionary<string, MediaView>> MediaAsync(List<string> assetIds, CancellationToken cancellationToken)
    {
        var assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var jobs = (await db.Jobs.AsNoTracking().Where(j => assetIds.Contains(j.AssetId)).ToListAsync(cancellationToken))
            .GroupBy(j => j.AssetId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(j => j.CreatedAtMs).First());
        return assets.ToDictionary(a => a.Id, a => View(a, jobs.GetValueOrDefault(a.Id)));
    }

    private static MediaView View(MediaAsset asset, TranscodeJob? job)
    {
        var ready = asset.Status == AssetStatus.Ready && asset.PublishedVersion > 0;
        var prefix = ready ? $"/media/{asset.Id}/v{asset.PublishedVersion}/" : null;
        return new MediaView(
            asset.Id,
            asset.Status.ToString().ToLowerInvariant(),
            asset.Status == AssetStatus.Processing ? job?.Progress ?? 0 : ready ? 100 : null,
            asset.Status == AssetStatus.Failed ? asset.Error ?? job?.Error : null,
            ready ? asset.DurationSeconds : null,
            prefix is null ? null : prefix + "master.m3u8",
            prefix is null ? null : prefix + "manifest.mpd",
            prefix is null ? null : prefix + OutputLayout.Poster,
            prefix is null || !asset.HasPreview ? null : prefix + OutputLayout.Preview,
            prefix is null ? null : prefix + "trickplay/thumbnails.vtt",
            CatalogLoader.Split(asset.Subtitles));
    }
}
