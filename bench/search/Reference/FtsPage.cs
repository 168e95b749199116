namespace Marquee.Bench.Search.Reference;

/// <summary>The reference's answer: <c>{"query":…,"items":[{"id":…,"title":…}]}</c>, the part of the origin's shape the bench reads.</summary>
internal sealed record FtsPage(string Query, IReadOnlyList<FtsItem> Items);
