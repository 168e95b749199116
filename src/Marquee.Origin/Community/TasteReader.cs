using Marquee.Origin.Data;
using Marquee.Origin.Discovery;
using Marquee.Origin.Discovery.Model;
using Marquee.Origin.Progress;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>Reads taste vectors (thumbs and completions) of the opted-in people, or of one profile, and the stamp that says when they moved.</summary>
internal sealed class TasteReader(MarqueeDbContext db, TimeProvider clock)
{
    /// <summary>Every opted-in profile's vector.</summary>
    public Task<Dictionary<string, Dictionary<string, float>>> OptedInAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    /// <summary>One profile's vector, read fresh (whether or not it opted in).</summary>
    public async Task<Dictionary<string, float>> OfAsync(string profileId, CancellationToken cancellationToken) =>
        (await ReadAsync(profileId, cancellationToken)).GetValueOrDefault(profileId) ?? [];

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

    private async Task<Dictionary<string, Dictionary<string, float>>> ReadAsync(string? profileId, CancellationToken cancellationToken)
    {
        var opted = db.SocialProfiles.Where(s => s.TasteMatching).Select(s => s.ProfileId);
        var ratings = profileId is null
            ? db.Ratings.Where(r => opted.Contains(r.ProfileId))
            : db.Ratings.Where(r => r.ProfileId == profileId);
        var progress = profileId is null
            ? db.WatchProgress.Where(p => opted.Contains(p.ProfileId))
            : db.WatchProgress.Where(p => p.ProfileId == profileId);
        var signals = new Dictionary<(string Profile, string Title), TitleSignals>();
        foreach (var f in await progress.Where(p => p.PositionSeconds >= WatchProgress.FinishedFraction * p.DurationSeconds)
                     .GroupBy(p => new { p.ProfileId, p.TitleId })
                     .Select(g => new { g.Key.ProfileId, g.Key.TitleId, Count = g.Count() })
                     .ToListAsync(cancellationToken))
        {
            signals[(f.ProfileId, f.TitleId)] = new TitleSignals(0, f.Count, 1, 0, null);
        }

        foreach (var r in await ratings.Select(r => new { r.ProfileId, r.TitleId, r.Value }).ToListAsync(cancellationToken))
        {
            signals[(r.ProfileId, r.TitleId)] = signals.GetValueOrDefault((r.ProfileId, r.TitleId)) with { Rating = r.Value };
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var vectors = new Dictionary<string, Dictionary<string, float>>();
        // Each row brought its own copy of the title's id; the index keeps one per title (millions fewer live
        // strings for the garbage collector to walk at 100,000 people).
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ((profile, title), s) in signals)
        {
            if (TasteVector.Weight(s, now) is { } w)
            {
                if (!vectors.TryGetValue(profile, out var vector))
                {
                    vectors[profile] = vector = [];
                }

                if (!titles.TryGetValue(title, out var shared))
                {
                    titles[title] = shared = title;
                }

                vector[shared] = w;
            }
        }

        return vectors;
    }
}
