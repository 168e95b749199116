namespace Marquee.Origin.Catalog;

public sealed record SeasonView(string Id, int Number, string Name, IReadOnlyList<EpisodeView> Episodes);
