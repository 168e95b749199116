using Marquee.Origin.Catalog.Search;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Catalog;

/// <summary>A movie, a series or one of its episodes, as ratings and conversations address it.</summary>
/// <param name="TitleId">The movie or the series.</param>
/// <param name="TargetId">What was asked for: the movie, the series, or the episode.</param>
public sealed record TitleTarget(string TitleId, string TargetId, CatalogEntry Entry);

public static class TitleTargets
{
    /// <summary>What <paramref name="id"/> names, when the viewer may see it here and now (licence, maturity); else null.</summary>
    public static async Task<TitleTarget?> ResolveAsync(string id, Viewer viewer, CatalogIndex catalog, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        if (id.Length > 64)
        {
            return null;
        }

        var titleId = catalog.Find(id) is null
            ? await db.Episodes.AsNoTracking().Where(e => e.Id == id).Select(e => e.SeriesId).SingleOrDefaultAsync(cancellationToken)
            : id;
        return titleId is not null && catalog.Find(titleId) is { } entry && catalog.Access(entry, viewer, catalog.NowMs) != TitleAccess.Hidden
            ? new TitleTarget(titleId, id, entry)
            : null;
    }

    /// <summary>Whether the viewer may see the movie or series <paramref name="titleId"/> now.</summary>
    public static bool Visible(string titleId, Viewer viewer, CatalogIndex catalog) =>
        catalog.Find(titleId) is { } entry && catalog.Access(entry, viewer, catalog.NowMs) != TitleAccess.Hidden;
}
