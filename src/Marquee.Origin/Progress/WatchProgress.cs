namespace Marquee.Origin.Progress;

/// <summary>
/// Where a profile is in one movie or episode, saved from the player's heartbeat. Resume, "Continue watching" and the
/// title page's episode marks all read these rows.
/// </summary>
public sealed class WatchProgress
{
    /// <summary>Past this share of the duration a playback counts as finished (the credits need not be watched).</summary>
    public const double FinishedFraction = 0.95;

    public required string ProfileId { get; init; }

    /// <summary>What was played: the movie's id, or the episode's.</summary>
    public required string PlayableId { get; init; }

    /// <summary>The movie, or the episode's series.</summary>
    public required string TitleId { get; init; }

    public double PositionSeconds { get; set; }

    public double DurationSeconds { get; set; }

    public long UpdatedAtMs { get; set; }

    public bool Finished => IsFinished(PositionSeconds, DurationSeconds);

    public static bool IsFinished(double positionSeconds, double durationSeconds) => positionSeconds >= FinishedFraction * durationSeconds;
}
