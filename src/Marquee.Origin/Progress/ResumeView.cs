namespace Marquee.Origin.Progress;

/// <summary>Where to pick a title up again: what to play (the movie, or the episode last watched) and from where.</summary>
public sealed record ResumeView(string PlaybackId, double PositionSeconds, double DurationSeconds);
