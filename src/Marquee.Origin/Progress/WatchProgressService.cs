using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Progress;

/// <summary>Saves a profile's position from the heartbeat and answers resume and "Continue watching" from it.</summary>
public sealed class WatchProgressService(MarqueeDbContext db, TimeProvider clock)
{
    public const int MaxPlaybackIdLength = 32;
    public const double MaxDurationSeconds = 24 * 60 * 60;

    /// <summary>A resume point closer to the start than this is not worth offering.</summary>
    public const double MinResumeSeconds = 1;

    /// <summary>"Continue watching" looks at this many of the latest rows, plenty for one row of titles.</summary>
    private const int RecentRows = 500;

    /// <summary>The shape of a report, before anything is looked up: null when it is valid.</summary>
    public static Dictionary<string, string[]>? Validate(ProgressReport report)
    {
        var errors = new Dictionary<string, string[]>();
        if (report.PlaybackId is not { Length: > 0 and <= MaxPlaybackIdLength })
        {
            errors["playbackId"] = [$"playbackId is the id of the movie or episode being played, at most {MaxPlaybackIdLength} characters."];
        }

        var duration = report.DurationSeconds;
        if (duration is not { } d || !double.IsFinite(d) || d <= 0 || d > MaxDurationSeconds)
        {
            errors["durationSeconds"] = [$"durationSeconds is a number of seconds above 0 and at most {MaxDurationSeconds:0} (24 hours)."];
        }

        if (report.PositionSeconds is not { } p || !double.IsFinite(p) || p < 0)
        {
            errors["positionSeconds"] = ["positionSeconds is a number of seconds, 0 or more."];
        }
        else if (duration is { } known && double.IsFinite(known) && p > known)
        {
            errors["positionSeconds"] = ["positionSeconds cannot be past durationSeconds."];
        }

        return errors.Count > 0 ? errors : null;
    }

    /// <summary>
    /// Whether <paramref name="playbackId"/> is what a lease on <paramref name="titleId"/> may report: the movie itself,
    /// or an episode of the series (a player moves on to the next episode on the same lease). A series' own id is not:
    /// it has no media, so nothing could resume from it.
    /// </summary>
    public async Task<bool> BelongsToAsync(string playbackId, string titleId, CancellationToken cancellationToken) =>
        playbackId == titleId
            ? await db.Titles.AnyAsync(t => t.Id == titleId && t.Kind == TitleKind.Movie, cancellationToken)
            : await db.Episodes.AnyAsync(e => e.Id == playbackId && e.SeriesId == titleId, cancellationToken);

    /// <summary>Saves a validated report for the stream it came with: the lease's profile and title.</summary>
    public Task SaveAsync(Entitlements.StreamLease lease, ProgressReport report, CancellationToken cancellationToken) =>
        SaveAsync(lease.ProfileId, lease.TitleId, report.PlaybackId!, report.PositionSeconds!.Value, report.DurationSeconds!.Value, cancellationToken);

    public async Task SaveAsync(string profileId, string titleId, string playableId, double positionSeconds, double durationSeconds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (await UpdateAsync(profileId, titleId, playableId, positionSeconds, durationSeconds, now, cancellationToken))
        {
            return;
        }

        var row = new WatchProgress
        {
            ProfileId = profileId, PlayableId = playableId, TitleId = titleId, PositionSeconds = positionSeconds, DurationSeconds = durationSeconds, UpdatedAtMs = now,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another heartbeat of the same playback inserted the row a moment ago: update it instead.
            db.Entry(row).State = EntityState.Detached;
            await UpdateAsync(profileId, titleId, playableId, positionSeconds, durationSeconds, now, cancellationToken);
        }
    }

    /// <summary>The profile's progress in a movie or in a series' episodes, most recent first.</summary>
    public Task<List<WatchProgress>> ForTitleAsync(string profileId, string titleId, CancellationToken cancellationToken) =>
        db.WatchProgress.AsNoTracking()
            .Where(p => p.ProfileId == profileId && p.TitleId == titleId)
            .OrderByDescending(p => p.UpdatedAtMs).ThenBy(p => p.PlayableId)
            .ToListAsync(cancellationToken);

    /// <summary>Where to start a playback again: null when nothing is saved, it was finished, or it barely started.</summary>
    public async Task<double?> ResumeAtAsync(string profileId, string playableId, CancellationToken cancellationToken)
    {
        var saved = await db.WatchProgress.AsNoTracking().SingleOrDefaultAsync(p => p.ProfileId == profileId && p.PlayableId == playableId, cancellationToken);
        return saved is null || saved.Finished || saved.PositionSeconds < MinResumeSeconds ? null : saved.PositionSeconds;
    }

    /// <summary>Removes a movie or an episode, or with a series' id every episode of it, from the profile's progress.</summary>
    public Task RemoveAsync(string profileId, string id, CancellationToken cancellationToken) =>
        db.WatchProgress.Where(p => p.ProfileId == profileId && (p.PlayableId == id || p.TitleId == id)).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// One row per title, most recent first, where the title's latest playback is unfinished: for a series the episode
    /// played last decides, so finishing an episode takes the series out until the next one is started. Episodes
    /// deleted since are left out. The caller still filters by what the viewer may see.
    /// </summary>
    public async Task<List<WatchProgress>> ContinueWatchingAsync(string profileId, CancellationToken cancellationToken)
    {
        var recent = await db.WatchProgress.AsNoTracking()
            .Where(p => p.ProfileId == profileId)
            .OrderByDescending(p => p.UpdatedAtMs).ThenBy(p => p.PlayableId)
            .Take(RecentRows)
            .ToListAsync(cancellationToken);
        var latest = recent.DistinctBy(p => p.TitleId).Where(p => !p.Finished).ToList();
        var episodeIds = latest.Where(p => p.PlayableId != p.TitleId).Select(p => p.PlayableId).ToList();
        var existing = episodeIds.Count == 0 ? []
            : (await db.Episodes.AsNoTracking().Where(e => episodeIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
        return [.. latest.Where(p => p.PlayableId == p.TitleId || existing.Contains(p.PlayableId))];
    }

    private async Task<bool> UpdateAsync(string profileId, string titleId, string playableId, double positionSeconds, double durationSeconds, long now, CancellationToken cancellationToken) =>
        await db.WatchProgress
            .Where(p => p.ProfileId == profileId && p.PlayableId == playableId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(p => p.TitleId, titleId)
                .SetProperty(p => p.PositionSeconds, positionSeconds)
                .SetProperty(p => p.DurationSeconds, durationSeconds)
                .SetProperty(p => p.UpdatedAtMs, now), cancellationToken) == 1;
}
