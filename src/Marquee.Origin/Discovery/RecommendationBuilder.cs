using System.Diagnostics;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Discovery.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Discovery;

/// <summary>
/// Rebuilds the stored model from every signal: neighbours per title (<see cref="ItemNeighbours"/>) and each region's
/// charts. One origin at a time holds the rebuild lease; the others keep serving the stored model meanwhile, and
/// reload when the version moves. Only neighbour rows that changed are written.
/// </summary>
internal sealed partial class RecommendationBuilder(
    MarqueeDbContext db, CatalogIndex catalog, SignalReader signals, RecommendationModel model, IOptions<DiscoveryOptions> options, TimeProvider clock,
    ILogger<RecommendationBuilder> logger)
{
    public const int ChartLength = 200;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly string Holder = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The rebuild, or null when another origin holds the lease.</summary>
    /// <param name="stamp">The signals' stamp when the caller already read it (<see cref="DueStampAsync"/>).</param>
    public async Task<RebuildSummary?> RebuildAsync(CancellationToken cancellationToken, string? stamp = null)
    {
        stamp ??= await signals.StampAsync(cancellationToken);
        if (!await ClaimAsync(cancellationToken))
        {
            return null;
        }

        try
        {
            var summary = await BuildAsync(stamp, cancellationToken);
            model.Invalidate();
            LogRebuilt(logger, summary.Version, summary.Titles, summary.Signals, summary.NeighboursChanged, summary.Seconds);
            return summary;
        }
        finally
        {
            await db.RecommendationState.Where(s => s.Id == RecommendationState.SingletonId && s.LeaseHolder == Holder)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntilMs, 0), CancellationToken.None);
        }
    }

    /// <summary>
    /// The signals' stamp when a rebuild is due (they moved since the stored model was built, or it is older than
    /// <paramref name="maxAge"/>), else null.
    /// </summary>
    public async Task<string?> DueStampAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var stamp = await signals.StampAsync(cancellationToken);
        var state = await db.RecommendationState.AsNoTracking().SingleOrDefaultAsync(s => s.Id == RecommendationState.SingletonId, cancellationToken);
        var due = state is null || state.BuiltAtMs < clock.GetUtcNow().ToUnixTimeMilliseconds() - (long)maxAge.TotalMilliseconds || state.Signals != stamp;
        return due ? stamp : null;
    }

    private async Task<RebuildSummary> BuildAsync(string stamp, CancellationToken cancellationToken)
    {
        var clockStart = Stopwatch.StartNew();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var titles = catalog.All.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var titleIndex = titles.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var since = now - options.Value.HistoryDays * Charts.DayMs;
        var all = await signals.AllAsync(since, cancellationToken);
        var profiles = all.Keys.Select(k => k.Profile).Distinct().Order(StringComparer.Ordinal).Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var cells = all.Where(s => titleIndex.ContainsKey(s.Key.Title))
            .Select(s => (profiles[s.Key.Profile], titleIndex[s.Key.Title], s.Value.Weight(now))).ToList();
        var features = titles.Select(t => new TitleFeatures(t.Genres, t.People, t.Year, t.Language, t.MaturityRating)).ToList();
        var neighbours = await Task.Run(() => ItemNeighbours.Build(new TasteMatrix(titles.Count, profiles.Count, cells), new ContentFeatures(features),
            new NeighbourOptions { Keep = options.Value.Neighbours }), cancellationToken);
        var charts = await ChartsAsync(titleIndex, titles, now, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Neighbours.ToDictionaryAsync(n => n.TitleId, StringComparer.Ordinal, cancellationToken);
        var changed = 0;
        for (var i = 0; i < titles.Count; i++)
        {
            var packed = ModelSnapshot.Pack(neighbours[i].Select(n => (titles[n.Title].Id, n.Score)));
            if (stored.Remove(titles[i].Id, out var row))
            {
                if (row.Packed != packed)
                {
                    row.Packed = packed;
                    row.BuiltAtMs = now;
                    changed++;
                }
            }
            else
            {
                db.Neighbours.Add(new StoredNeighbours { TitleId = titles[i].Id, Packed = packed, BuiltAtMs = now });
                changed++;
            }
        }

        db.Neighbours.RemoveRange(stored.Values); // titles gone from the catalog
        await db.Charts.ExecuteDeleteAsync(cancellationToken);
        db.Charts.AddRange(charts);
        var state = await db.RecommendationState.SingleAsync(s => s.Id == RecommendationState.SingletonId, cancellationToken);
        state.Version++;
        state.BuiltAtMs = now;
        state.Signals = stamp;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RebuildSummary(state.Version, titles.Count, profiles.Count, cells.Count, changed, charts.Count, Math.Round(clockStart.Elapsed.TotalSeconds, 3));
    }

    /// <summary>Each region's top and trending titles from the last week's plays, and the same over every play.</summary>
    private async Task<List<ChartEntry>> ChartsAsync(Dictionary<string, int> titleIndex, List<CatalogEntry> titles, long now, CancellationToken cancellationToken)
    {
        var since = now - 7 * Charts.DayMs;
        var plays = await db.PlaybackStarts.AsNoTracking()
            .Where(p => p.AtMs >= since && p.ProfileId != null && p.TitleId != null)
            .Select(p => new { p.Region, p.TitleId, p.ProfileId, p.AtMs })
            .ToListAsync(cancellationToken);
        var profileIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var counted = plays.Where(p => titleIndex.ContainsKey(p.TitleId!))
            .Select(p => (p.Region, Play: new ChartPlay(titleIndex[p.TitleId!], profileIndex.TryGetValue(p.ProfileId!, out var i) ? i : profileIndex[p.ProfileId!] = profileIndex.Count, p.AtMs)))
            .ToList();
        var entries = new List<ChartEntry>();
        var regions = counted.Select(c => c.Region).Where(r => r.Length > 0).Distinct().Select(r => (Region: r, Plays: counted.Where(c => c.Region == r).Select(c => c.Play).ToList()))
            .Append((Region: "", Plays: counted.Select(c => c.Play).ToList()));
        foreach (var (region, regionPlays) in regions)
        {
            entries.AddRange(Charts.Top(regionPlays, now, ChartLength).Select((n, rank) => new ChartEntry
            {
                Region = region, Chart = ChartEntry.Top, Rank = rank + 1, TitleId = titles[n.Title].Id, Score = n.Score,
            }));
            entries.AddRange(Charts.Trending(regionPlays, now, ChartLength).Select((n, rank) => new ChartEntry
            {
                Region = region, Chart = ChartEntry.Trending, Rank = rank + 1, TitleId = titles[n.Title].Id, Score = n.Score,
            }));
        }

        return entries;
    }

    private async Task<bool> ClaimAsync(CancellationToken cancellationToken)
    {
        if (!await db.RecommendationState.AnyAsync(s => s.Id == RecommendationState.SingletonId, cancellationToken))
        {
            db.RecommendationState.Add(new RecommendationState());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another origin made the row first: fine, it is the same row.
            }

            db.ChangeTracker.Clear();
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return await db.RecommendationState
            .Where(s => s.Id == RecommendationState.SingletonId && s.LeaseUntilMs < now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LeaseUntilMs, now + (long)Lease.TotalMilliseconds).SetProperty(s => s.LeaseHolder, Holder), cancellationToken) == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recommendations rebuilt: version {Version}, {Titles} titles, {Signals} signals, {Changed} neighbour lists changed, {Seconds} s")]
    private static partial void LogRebuilt(ILogger logger, long version, int titles, int signals, int changed, double seconds);
}
