using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Catalog;

/// <summary>Reads what the in-memory catalog holds: published titles that can be played, with licences and poster.</summary>
internal static class CatalogLoader
{
    /// <param name="ids">The titles to read, or null for all of them.</param>
    /// <returns>An entry for every listed title that is published and playable; absent ids are to be removed.</returns>
    public static async Task<List<CatalogEntry>> LoadAsync(MarqueeDbContext db, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var query = db.Titles.AsNoTracking().AsSplitQuery().Include(t => t.Licences).Where(t => t.Published && t.DeletedAtMs == null);
        if (ids is not null)
        {
            query = query.Where(t => ids.Contains(t.Id));
        }

        var titles = await query.ToListAsync(cancellationToken);
        var ready = db.Assets.AsNoTracking().Where(a => a.Status == AssetStatus.Ready && a.PublishedVersion > 0);
        // The movies' assets, by the ids the titles just read name (all ready ones when loading everything).
        var assetIds = ids is null ? null : titles.Select(t => t.AssetId).OfType<string>().ToList();
        var movieVersions = await ready.Where(a => assetIds == null || assetIds.Contains(a.Id))
            .Select(a => new { a.Id, a.PublishedVersion })
            .ToDictionaryAsync(a => a.Id, a => a.PublishedVersion, cancellationToken);
        // A series plays once any of its episodes does; its poster is the first playable episode's.
        var firstEpisodes = (await ready
            .Join(db.Episodes.AsNoTracking().Where(e => ids == null || ids.Contains(e.SeriesId)), a => a.Id, e => e.AssetId, (a, e) => new { e.SeriesId, e.SeasonId, e.Number, AssetId = a.Id, a.PublishedVersion })
            .Join(db.Seasons.AsNoTracking(), x => x.SeasonId, s => s.Id, (x, s) => new { x.SeriesId, Season = s.Number, x.Number, x.AssetId, x.PublishedVersion })
            .ToListAsync(cancellationToken))
            .GroupBy(x => x.SeriesId)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Season).ThenBy(x => x.Number).Select(x => Poster(x.AssetId, x.PublishedVersion)).First());

        var entries = new List<CatalogEntry>(titles.Count);
        foreach (var title in titles)
        {
            var media = title.Kind == TitleKind.Series ? firstEpisodes.GetValueOrDefault(title.Id)
                : title.AssetId is { } asset && movieVersions.TryGetValue(asset, out var version) ? Poster(asset, version) : null;
            if (media is null)
            {
                continue;
            }

            entries.Add(new CatalogEntry(
                title.Id, title.Kind, title.Name, title.Slug, title.Synopsis, Split(title.Genres),
                title.Credits.Select(c => c.Name).Distinct().ToList(), title.Year, title.RuntimeMinutes, title.MaturityRating,
                title.PosterKey is null ? media : Artwork.Url(title.PosterKey), title.PublishedAtMs ?? title.CreatedAtMs, [.. title.Licences], title.OriginalLanguage));
        }

        return entries;
    }

    public static string Poster(string assetId, int version) => $"/media/{assetId}/v{version}/poster.jpg";

    public static string[] Split(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
