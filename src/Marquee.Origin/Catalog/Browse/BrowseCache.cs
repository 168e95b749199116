using System.Collections.Concurrent;
using Marquee.Origin.Catalog.Search;

namespace Marquee.Origin.Catalog.Browse;

/// <summary>
/// Keeps <see cref="SharedRows"/> per (country, maturity limit, row length), so a browse does not sort the whole
/// catalog: at 100,000 titles that was a third of a second of CPU per request (bench/recommendations serving). An
/// entry is used while the catalog has not changed and for <see cref="MaxAge"/>, since licence windows open and close
/// with time alone; for a second <see cref="MaxAge"/> it is still answered while one request's worth of work rebuilds
/// it in the background, so a steady stream of viewers never waits for the sort. A catalog change is never answered
/// from the old entry. A handful of entries at most, since each holds the visible titles.
/// </summary>
public sealed class BrowseCache(CatalogIndex catalog, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    public const int GenreRows = 8;

    private const int MaxEntries = 32;

    private readonly ConcurrentDictionary<(string? Country, int Maturity, int PerRow), (long Version, long AtMs, SharedRows Rows)> _entries = new();
    private readonly ConcurrentDictionary<(string? Country, int Maturity, int PerRow), bool> _refreshing = new();

    public SharedRows Get(Viewer viewer, int perRow)
    {
        var key = (viewer.Country, viewer.MaxMaturity, perRow);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (_entries.TryGetValue(key, out var cached) && cached.Version == catalog.Version && cached.AtMs <= now)
        {
            var age = now - cached.AtMs;
            if (age < MaxAge.TotalMilliseconds)
            {
                return cached.Rows;
            }

            if (age < 2 * MaxAge.TotalMilliseconds)
            {
                if (_refreshing.TryAdd(key, true))
                {
                    _ = Task.Run(() =>
                    {
                        try
                        {
                            Store(key, viewer, perRow);
                        }
                        finally
                        {
                            _refreshing.TryRemove(key, out _);
                        }
                    });
                }

                return cached.Rows;
            }
        }

        return Store(key, viewer, perRow);
    }

    private SharedRows Store((string? Country, int Maturity, int PerRow) key, Viewer viewer, int perRow)
    {
        // The version is read first: if the catalog changes while the rows are worked out, the entry is already stale.
        var version = catalog.Version;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = Build(viewer, perRow, now);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = (version, now, rows);
        return rows;
    }

    private SharedRows Build(Viewer viewer, int perRow, long now)
    {
        var visible = catalog.Visible(viewer).ToDictionary(v => v.Entry.Id, StringComparer.Ordinal);
        // New here: ordered by when the title became available to this viewer (its licence start, else publication).
        var newItems = Top(visible.Values.OrderByDescending(v => AvailableSince(v.Entry, viewer.Country, now)), perRow);
        var free = new BrowseRow("free", "Free to watch", Top(visible.Values.Where(v => v.Access == TitleAccess.Free).OrderByDescending(v => v.Entry.PublishedAtMs), perRow));
        var genres = new List<BrowseRow>();
        foreach (var genre in visible.Values.SelectMany(v => v.Entry.Genres).GroupBy(g => g, StringComparer.OrdinalIgnoreCase)
                     .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Take(GenreRows))
        {
            genres.Add(new BrowseRow("genre:" + genre.Key.ToLowerInvariant(), genre.Key,
                Top(visible.Values.Where(v => v.Entry.Genres.Contains(genre.Key, StringComparer.OrdinalIgnoreCase)).OrderByDescending(v => v.Entry.PublishedAtMs), perRow)));
        }

        return new SharedRows(visible, newItems, free, genres);
    }

    private static long AvailableSince(CatalogEntry entry, string? country, long now) =>
        entry.Licences.Where(l => l.Covers(country) && l.IsActive(now)).Select(l => Math.Max(l.StartsAtMs ?? 0, entry.PublishedAtMs)).DefaultIfEmpty(entry.PublishedAtMs).Max();

    private static List<TitleSummary> Top(IOrderedEnumerable<(CatalogEntry Entry, TitleAccess Access)> ordered, int count) =>
        ordered.ThenBy(v => v.Entry.Id).Take(count).Select(v => TitleSummary.From(v.Entry, v.Access)).ToList();
}
