namespace Marquee.Origin.Progress;

/// <summary>The current profile's progress in a movie, or in a series' episodes, most recent first.</summary>
public sealed record ProgressPage(IReadOnlyList<ProgressItemView> Items);
