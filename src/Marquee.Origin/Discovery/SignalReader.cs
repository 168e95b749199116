using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Discovery.Model;
using Marquee.Origin.Progress;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Discovery;

/// <summary>
/// Reads what viewers told us, from rows the service keeps anyway: playback starts (with profile and title), watch
/// progress (the player's heartbeats) and ratings, folded into one <see cref="TitleSignals"/> per (profile, title).
/// </summary>
internal sealed class SignalReader(MarqueeDbContext db)
{
    /// <summary>Every profile's signals, for a rebuild.</summary>
    public Task<Dictionary<(string Profile, string Title), TitleSignals>> AllAsync(long sinceMs, CancellationToken cancellationToken) =>
        ReadAsync(null, sinceMs, cancellationToken);

    /// <summary>One profile's signals, by title: for its own rows, read fresh so a thumbs-down counts at once.</summary>
    public async Task<Dictionary<string, TitleSignals>> ForProfileAsync(string profileId, long sinceMs, CancellationToken cancellationToken) =>
        (await ReadAsync(profileId, sinceMs, cancellationToken)).ToDictionary(s => s.Key.Title, s => s.Value);

    /// <summary>
    /// A fingerprint of the signals and the catalog: when it differs from the one the model was built from, a
    /// rebuild is due. Counts catch deletions, maxima catch updates.
    /// </summary>
    public async Task<string> StampAsync(CancellationToken cancellationToken)
    {
        var starts = await db.PlaybackStarts.MaxAsync(p => (long?)p.Id, cancellationToken) ?? 0;
        var ratings = await db.Ratings.CountAsync(cancellationToken);
        var rated = await db.Ratings.MaxAsync(r => (long?)r.UpdatedAtMs, cancellationToken) ?? 0;
        var progress = await db.WatchProgress.CountAsync(cancellationToken);
        var watched = await db.WatchProgress.MaxAsync(p => (long?)p.UpdatedAtMs, cancellationToken) ?? 0;
        var titles = await db.Titles.CountAsync(cancellationToken);
        var edited = await db.Titles.MaxAsync(t => (long?)t.UpdatedAtMs, cancellationToken) ?? 0;
        // A title joins the catalog when its media becomes ready, which changes the asset, not the title.
        var ready = db.Assets.Where(a => a.Status == AssetStatus.Ready);
        var media = await ready.CountAsync(cancellationToken);
        var published = await ready.MaxAsync(a => (long?)a.UpdatedAtMs, cancellationToken) ?? 0;
        return $"{starts}:{ratings}:{rated}:{progress}:{watched}:{titles}:{edited}:{media}:{published}";
    }

    private async Task<Dictionary<(string Profile, string Title), TitleSignals>> ReadAsync(string? profileId, long sinceMs, CancellationToken cancellationToken)
    {
        var signals = new Dictionary<(string, string), TitleSignals>();
        var starts = await db.PlaybackStarts.AsNoTracking()
            .Where(p => p.ProfileId != null && p.TitleId != null && p.AtMs >= sinceMs && (profileId == null || p.ProfileId == profileId))
            .GroupBy(p => new { p.ProfileId, p.TitleId })
            .Select(g => new { g.Key.ProfileId, g.Key.TitleId, Count = g.Count(), Last = g.Max(p => p.AtMs) })
            .ToListAsync(cancellationToken);
        foreach (var s in starts)
        {
            var key = (s.ProfileId!, s.TitleId!);
            var current = signals.GetValueOrDefault(key);
            signals[key] = current with { Starts = s.Count, LastAtMs = Math.Max(current.LastAtMs, s.Last) };
        }

        var progress = await db.WatchProgress.AsNoTracking()
            .Where(p => profileId == null || p.ProfileId == profileId)
            .Select(p => new { p.ProfileId, p.TitleId, p.PositionSeconds, p.DurationSeconds, p.UpdatedAtMs })
            .ToListAsync(cancellationToken);
        foreach (var p in progress)
        {
            var key = (p.ProfileId, p.TitleId);
            var current = signals.GetValueOrDefault(key);
            var fraction = p.DurationSeconds > 0 ? Math.Min(1, p.PositionSeconds / p.DurationSeconds) : 0;
            signals[key] = current with
            {
                Finished = current.Finished + (WatchProgress.IsFinished(p.PositionSeconds, p.DurationSeconds) ? 1 : 0),
                BestFraction = Math.Max(current.BestFraction, fraction),
                LastAtMs = Math.Max(current.LastAtMs, p.UpdatedAtMs),
            };
        }

        var ratings = await db.Ratings.AsNoTracking().Where(r => profileId == null || r.ProfileId == profileId).ToListAsync(cancellationToken);
        foreach (var r in ratings)
        {
            var key = (r.ProfileId, r.TitleId);
            var current = signals.GetValueOrDefault(key);
            signals[key] = current with { Rating = r.Value, LastAtMs = Math.Max(current.LastAtMs, r.UpdatedAtMs) };
        }

        return signals;
    }
}
