using System.Collections.Concurrent;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Catalog.Search;
using Marquee.Origin.Data;
using Marquee.Origin.Regions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Catalog;

/// <summary>
/// The published, playable catalog in memory, with its search index: what browse and search read. Every origin
/// keeps its own copy, rebuilt from the database on start and kept current by <see cref="CatalogSync"/> (changes
/// from any process) and by direct refreshes after this process's own admin changes. Visibility is decided per
/// request from the licences, so windows open and close with the clock, not with a rebuild.
/// </summary>
public sealed class CatalogIndex(IServiceScopeFactory scopes, SearchIndex search, TimeProvider clock, IOptions<GeoOptions> geo) : IDisposable
{
    private readonly ConcurrentDictionary<string, CatalogEntry> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly bool _allowUnknownCountry = geo.Value.AllowUnknownCountry;
    private long _version;

    public int Count => _entries.Count;

    /// <summary>Moves on every load and refresh, so what was worked out from the catalog knows when it is stale.</summary>
    public long Version => Interlocked.Read(ref _version);

    public long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var entries = await CatalogLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<MarqueeDbContext>(), null, cancellationToken);
            _entries.Clear();
            foreach (var entry in entries)
            {
                _entries[entry.Id] = entry;
            }

            search.Rebuild(entries.Select(Document));
            Interlocked.Increment(ref _version);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Re-reads these titles: changed ones are replaced, unpublished, deleted or unplayable ones leave.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<string> titleIds, CancellationToken cancellationToken)
    {
        if (titleIds.Count == 0)
        {
            return;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
            foreach (var batch in titleIds.Distinct().Chunk(500))
            {
                var loaded = (await CatalogLoader.LoadAsync(db, batch, cancellationToken)).ToDictionary(e => e.Id);
                foreach (var id in batch)
                {
                    if (loaded.TryGetValue(id, out var entry))
                    {
                        _entries[id] = entry;
                        search.Upsert(Document(entry));
                    }
                    else if (_entries.TryRemove(id, out _))
                    {
                        search.Remove(id);
                    }
                }
            }

            Interlocked.Increment(ref _version);
        }
        finally
        {
            _writes.Release();
        }
    }

    public CatalogEntry? Find(string id) => _entries.GetValueOrDefault(id);

    /// <summary>Every published, playable title, whoever may see it.</summary>
    public IEnumerable<CatalogEntry> All => _entries.Values;

    /// <summary>Whether the viewer may see the title now, and on which tier; the rule of <see cref="LicenceRules"/>.</summary>
    public TitleAccess Access(CatalogEntry entry, Viewer viewer, long nowMs)
    {
        if (entry.MaturityRating > viewer.MaxMaturity)
        {
            return TitleAccess.Hidden;
        }

        return LicenceRules.ActiveTier(entry.Licences.AsSpan(), viewer.Country, nowMs, _allowUnknownCountry) switch
        {
            LicenceTier.Free => TitleAccess.Free,
            LicenceTier.Subscription => TitleAccess.Subscription,
            _ => TitleAccess.Hidden,
        };
    }

    /// <summary>Every title the viewer may see now, with its tier, in no particular order.</summary>
    public IEnumerable<(CatalogEntry Entry, TitleAccess Access)> Visible(Viewer viewer)
    {
        var now = NowMs;
        foreach (var entry in _entries.Values)
        {
            var access = Access(entry, viewer, now);
            if (access != TitleAccess.Hidden)
            {
                yield return (entry, access);
            }
        }
    }

    public SearchResults Search(SearchQuery query, Viewer viewer)
    {
        var now = NowMs;
        return search.Search(query, id => _entries.TryGetValue(id, out var entry) ? Access(entry, viewer, now) : TitleAccess.Hidden);
    }

    public void Dispose() => _writes.Dispose();

    private static SearchDocument Document(CatalogEntry entry) =>
        new(entry.Id, entry.Name, entry.Synopsis, entry.Genres, entry.People, entry.Year, entry.MaturityRating, entry.PublishedAtMs);
}
