namespace Marquee.Bench.Recommendations.Serving;

/// <summary>What was written: profiles with history, rows per table, plays in the last day, and how long it took.</summary>
internal sealed record SignalSummary(int Profiles, int ViewerTitles, int ProgressRows, int PlaybackStarts, int StartsLastDay, int Ratings, double Seconds);
