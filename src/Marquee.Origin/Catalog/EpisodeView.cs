namespace Marquee.Origin.Catalog;

public sealed record EpisodeView(string Id, int Number, string Name, string Synopsis, int? RuntimeMinutes, MediaView Media);
