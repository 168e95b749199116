namespace Marquee.Bench.Search.Reference;

/// <summary>One result of the reference, named like the origin's search items.</summary>
internal sealed record FtsItem(string Id, string Title);
