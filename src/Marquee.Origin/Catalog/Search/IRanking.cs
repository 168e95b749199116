using Lucene.Net.Search;

namespace Marquee.Origin.Catalog.Search;

/// <summary>Keeps the best visible matches handed on by <see cref="FacetingCollector"/>, enough for the requested page.</summary>
internal interface IRanking : ICollector
{
    /// <summary>The page, best first: global doc ids with their scores.</summary>
    ScoreDoc[] Page(int offset, int limit);
}
