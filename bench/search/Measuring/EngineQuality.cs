namespace Marquee.Bench.Search.Measuring;

/// <summary>For one engine and one kind of query: how often the title the query was made from came first, came at all (in the 20), and how often nothing came.</summary>
internal sealed record EngineQuality(int Top1, int InResults, int Empty);
