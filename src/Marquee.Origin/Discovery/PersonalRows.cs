using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Browse;
using Marquee.Origin.Catalog.Search;
using Marquee.Origin.Data;
using Marquee.Origin.Discovery.Model;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Discovery;

/// <summary>
/// The home screen's rows that come from viewing: "Top 10 in {region} today" (for everyone), "Top picks for
/// {profile}" and "Because you watched X" (signed-in profiles), and "Trending now". The rules: what this viewer may not
/// watch here and now is removed before ranking; titles the profile has already played, finished or rated leave its
/// picks; no title appears in two of these rows; the same request gives the same rows in the same order.
/// </summary>
internal sealed class PersonalRows(RecommendationModel model, MarqueeDbContext db, SignalReader reader, IOptions<DiscoveryOptions> options, TimeProvider clock)
{
    public const int TopCount = 10;
    public const int BecauseRows = 2;

    /// <summary>A "because" row needs at least this many titles to be worth a row.</summary>
    public const int MinRowItems = 3;

    public sealed record Result(BrowseRow? Top10, IReadOnlyList<BrowseRow> Picks, BrowseRow? Trending);

    public async Task<Result> BuildAsync(
        Viewer viewer, string? profileName, SharedRows shared, string? region, string regionName, int perRow, CancellationToken cancellationToken)
    {
        var visible = shared.Visible;
        var snapshot = await model.CurrentAsync(db, cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var signals = viewer.ProfileId is { } profileId
            ? await reader.ForProfileAsync(profileId, now - options.Value.HistoryDays * Charts.DayMs, cancellationToken)
            : [];
        var disliked = signals.Where(s => s.Value.Rating == RatingValue.Down).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        // The chart as counted, less what this viewer may not watch (or said is not for them), then the first ten.
        var chart = snapshot.Chart(region, ChartEntry.Top).Where(id => visible.ContainsKey(id) && !disliked.Contains(id)).Take(TopCount).ToList();
        taken.UnionWith(chart);
        var top10 = chart.Count == 0 ? null
            : new BrowseRow("top-10", $"Top 10 in {regionName} today", [.. chart.Select((id, i) => Summary(visible[id]) with { Rank = i + 1 })]);

        var picks = new List<BrowseRow>();
        if (viewer.ProfileId is not null)
        {
            bool Eligible(int index) => visible.ContainsKey(snapshot.Ids[index]) && !signals.ContainsKey(snapshot.Ids[index]) && !taken.Contains(snapshot.Ids[index]);
            var history = signals.Select(s => (Index: snapshot.IndexOf(s.Key), Signals: s.Value)).Where(h => h.Index is not null)
                .Select(h => new TasteEvent(h.Index!.Value, h.Signals.Weight(now), h.Signals.LastAtMs)).ToList();

            // "Because you watched" first: each row takes its seed's own best neighbours; the picks then take the best of
            // the rest (and are shown first).
            var seeds = signals.Where(s => (s.Value.Finished > 0 || s.Value.Rating == RatingValue.Love) && s.Value.Rating != RatingValue.Down && visible.ContainsKey(s.Key) && snapshot.IndexOf(s.Key) is not null)
                .OrderByDescending(s => s.Value.LastAtMs).ThenBy(s => s.Key, StringComparer.Ordinal).Take(BecauseRows);
            foreach (var (seed, _) in seeds)
            {
                var items = snapshot.Neighbours[snapshot.IndexOf(seed)!.Value].Where(n => Eligible(n.Title)).Take(perRow).Select(n => snapshot.Ids[n.Title]).ToList();
                if (items.Count >= MinRowItems)
                {
                    picks.Add(new BrowseRow("because:" + seed, $"Because you watched {visible[seed].Entry.Name}", [.. items.Select(id => Summary(visible[id]))]));
                    taken.UnionWith(items);
                }
            }

            var ranked = PersonalScores.Rank(history, snapshot.Neighbours, Eligible, new HashSet<int>(), perRow, now).Select(n => snapshot.Ids[n.Title]).ToList();
            // A profile with little history still gets a full row: the region's most watched, then the newest.
            if (ranked.Count < perRow)
            {
                var newest = shared.NewItems.Select(t => t.Id);
                var fill = snapshot.Chart(region, ChartEntry.Top).Concat(newest)
                    .Where(id => visible.ContainsKey(id) && !signals.ContainsKey(id) && !taken.Contains(id)).Except(ranked).Distinct().Take(perRow - ranked.Count).ToList();
                ranked.AddRange(fill);
            }

            if (ranked.Count > 0)
            {
                picks.Insert(0, new BrowseRow("for-you", $"Top picks for {profileName}", [.. ranked.Select(id => Summary(visible[id]))]));
                taken.UnionWith(ranked);
            }
        }

        // Trending where it differs from the top 10: what is rising, less what the rows above already show.
        var trending = snapshot.Chart(region, ChartEntry.Trending).Where(id => visible.ContainsKey(id) && !disliked.Contains(id) && !taken.Contains(id)).Take(perRow).ToList();
        var trendingRow = trending.Count >= MinRowItems ? new BrowseRow("trending", "Trending now", [.. trending.Select(id => Summary(visible[id]))]) : null;
        return new Result(top10, picks, trendingRow);
    }

    private static TitleSummary Summary((CatalogEntry Entry, TitleAccess Access) title) => TitleSummary.From(title.Entry, title.Access);
}
