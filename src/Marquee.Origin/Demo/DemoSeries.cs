namespace Marquee.Origin.Demo;

/// <summary>
/// An invented series of the demo catalog: one season whose episodes are short clips, licensed everywhere for
/// subscribers, so the web app has seasons, episodes and a next episode to show.
/// </summary>
/// <param name="Episodes">Season 1 in order; each clip's title is the episode's name and its synopsis the episode's.</param>
internal sealed record DemoSeries(string Title, string Synopsis, string[] Genres, int Year, int Maturity, IReadOnlyList<DemoClip> Episodes);
