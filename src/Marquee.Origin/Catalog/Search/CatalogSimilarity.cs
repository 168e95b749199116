using Lucene.Net.Search.Similarities;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// BM25 (short fields like names rank better than with classic TF-IDF), plus the coordination factor BM25
/// leaves out: a title that matches three of the query's three words outranks one that matches two of them
/// very strongly. Only the per-word level of the query enables coord; fuzzy and prefix expansions do not.
/// </summary>
internal sealed class CatalogSimilarity : BM25Similarity
{
    public override float Coord(int overlap, int maxOverlap) => maxOverlap == 0 ? 1f : (float)overlap / maxOverlap;
}
