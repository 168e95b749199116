namespace Marquee.Origin.Catalog.Search;

/// <summary>One title on a result page; Score is 0 when browsing (empty text, ordered by date added).</summary>
public sealed record SearchHit(string TitleId, float Score);
