namespace Marquee.Origin.Progress;

/// <summary>Saved progress in one movie or episode; finished from 95 % of the duration on.</summary>
public sealed record ProgressItemView(string PlaybackId, double PositionSeconds, double DurationSeconds, DateTimeOffset UpdatedAt, bool Finished)
{
    public static ProgressItemView From(WatchProgress progress) =>
        new(progress.PlayableId, progress.PositionSeconds, progress.DurationSeconds, DateTimeOffset.FromUnixTimeMilliseconds(progress.UpdatedAtMs), progress.Finished);
}
