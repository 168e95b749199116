using Marquee.Origin.Data;
using Marquee.Origin.Discovery;
using Marquee.Origin.Discovery.Model;
using Marquee.Origin.Progress;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>Reads taste vectors (thumbs and completions) of the opted-in people, or of one profile, and the stamp that says when they moved.</summary>
internal sealed class TasteReader(MarqueeDbContext db, TimeProvider clock)
{
    /// <summary>A rating's value, or this for a row that counts finished playables.</summary>
    private const int Finished = int.MinValue;

    /// <summary>
    /// Every opted-in profile's vector, streamed profile by profile into compact arrays: millions of rows pass through
    /// and die young, instead of living in a dictionary long enough to make a full collection pause the origin later
    /// (bench/social measured 540–800 ms stalls before).
    /// </summary>
    public async Task<TasteIndex.Builder> OptedInAsync(CancellationToken cancellationToken)
    {
        var builder = new TasteIndex.Builder();
        await ReadAsync(null, (profile, vector) => builder.Add(profile, vector), cancellationToken);
        return builder;
    }

    /// <summary>One profile's vector, read fresh (whether or not it opted in).</summary>
    public async Task<Dictionary<string, float>> OfAsync(string profileId, CancellationToken cancellationToken)
    {
        var mine = new Dictionary<string, float>();
        await ReadAsync(profileId, (_, vector) =>
        {
            foreach (var (title, weight) in vector)
            {
                mine[title] = weight;
            }
        }, cancellationToken);
        return mine;
    }

    public async Task<string> StampAsync(CancellationToken cancellationToken)
    {
        var faces = db.SocialProfiles.Where(s => s.TasteMatching);
        var people = await faces.CountAsync(cancellationToken);
        var changed = await db.SocialProfiles.MaxAsync(s => (long?)s.UpdatedAtMs, cancellationToken) ?? 0;
        var ratings = await db.Ratings.CountAsync(cancellationToken);
        var rated = await db.Ratings.MaxAsync(r => (long?)r.UpdatedAtMs, cancellationToken) ?? 0;
        var progress = await db.WatchProgress.CountAsync(cancellationToken);
        var watched = await db.WatchProgress.MaxAsync(p => (long?)p.UpdatedAtMs, cancellationToken) ?? 0;
        return $"{people}:{changed}:{ratings}:{rated}:{progress}:{watched}";
    }

    /// <summary>Ratings and finished counts in one stream ordered by profile; each profile's vector is handed over when its rows end.</summary>
    private async Task ReadAsync(string? profileId, Action<string, List<(string Title, float Weight)>> vectorOf, CancellationToken cancellationToken)
    {
        var opted = db.SocialProfiles.Where(s => s.TasteMatching).Select(s => s.ProfileId);
        var ratings = profileId is null ? db.Ratings.Where(r => opted.Contains(r.ProfileId)) : db.Ratings.Where(r => r.ProfileId == profileId);
        var progress = profileId is null ? db.WatchProgress.Where(p => opted.Contains(p.ProfileId)) : db.WatchProgress.Where(p => p.ProfileId == profileId);
        var finished = progress.Where(p => p.PositionSeconds >= WatchProgress.FinishedFraction * p.DurationSeconds)
            .GroupBy(p => new { p.ProfileId, p.TitleId })
            .Select(g => new Row { ProfileId = g.Key.ProfileId, TitleId = g.Key.TitleId, Value = Finished, Count = g.Count() });
        var rows = ratings.Select(r => new Row { ProfileId = r.ProfileId, TitleId = r.TitleId, Value = (int)r.Value, Count = 0 })
            .Concat(finished)
            .OrderBy(r => r.ProfileId);

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var current = (string?)null;
        var signals = new Dictionary<string, TitleSignals>(StringComparer.Ordinal);
        var vector = new List<(string, float)>();
        void Flush()
        {
            vector.Clear();
            foreach (var (title, s) in signals)
            {
                if (TasteVector.Weight(s, now) is { } w)
                {
                    vector.Add((title, w));
                }
            }

            if (current is not null && vector.Count > 0)
            {
                vectorOf(current, vector);
            }

            signals.Clear();
        }

        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (row.ProfileId != current)
            {
                Flush();
                current = row.ProfileId;
            }

            var s = signals.GetValueOrDefault(row.TitleId);
            signals[row.TitleId] = row.Value == Finished ? s with { Finished = row.Count, BestFraction = 1 } : s with { Rating = (RatingValue)row.Value };
        }

        Flush();
    }

    private sealed class Row
    {
        public required string ProfileId { get; init; }

        public required string TitleId { get; init; }

        public int Value { get; init; }

        public int Count { get; init; }
    }
}
