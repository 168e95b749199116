using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Catalog;

/// <summary>Reads titles with their asset and latest job, for the API and the CLI's progress bar.</summary>
public sealed class TitleQueries(MarqueeDbContext db)
{
    public async Task<TitleView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var title = await db.Titles.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id || t.Slug == id, cancellationToken);
        return title is null ? null : (await ViewsAsync([title], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<TitleView>> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        var titles = await db.Titles.AsNoTracking().OrderByDescending(t => t.CreatedAtMs).ThenBy(t => t.Id)
            .Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return await ViewsAsync(titles, cancellationToken);
    }

    private async Task<IReadOnlyList<TitleView>> ViewsAsync(IReadOnlyList<Title> titles, CancellationToken cancellationToken)
    {
        var assetIds = titles.Select(t => t.AssetId).ToList();
        var assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var jobs = (await db.Jobs.AsNoTracking().Where(j => assetIds.Contains(j.AssetId)).ToListAsync(cancellationToken))
            .GroupBy(j => j.AssetId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(j => j.CreatedAtMs).First());
        return titles.Select(t => View(t, assets.GetValueOrDefault(t.AssetId), jobs.GetValueOrDefault(t.AssetId))).ToList();
    }

    private static TitleView View(Title title, MediaAsset? asset, TranscodeJob? job)
    {
        var status = asset?.Status ?? AssetStatus.Failed;
        var ready = status == AssetStatus.Ready && asset!.PublishedVersion > 0;
        var prefix = ready ? $"/media/{asset!.Id}/v{asset.PublishedVersion}/" : null;
        return new TitleView(
            title.Id,
            title.Name,
            title.Slug,
            title.Synopsis,
            Split(title.Genres),
            title.Year,
            title.Free,
            Split(title.Countries),
            title.MaturityRating,
            status.ToString().ToLowerInvariant(),
            status == AssetStatus.Processing ? job?.Progress ?? 0 : ready ? 100 : null,
            status == AssetStatus.Failed ? asset?.Error ?? job?.Error : null,
            ready ? asset!.DurationSeconds : null,
            prefix is null ? null : prefix + "master.m3u8",
            prefix is null ? null : prefix + "manifest.mpd",
            prefix is null ? null : prefix + "poster.jpg",
            prefix is null ? null : prefix + "trickplay/thumbnails.vtt",
            Split(asset?.Subtitles ?? ""));
    }

    private static string[] Split(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
