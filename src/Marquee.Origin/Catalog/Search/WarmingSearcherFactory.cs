using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Makes the searcher of each refresh, reading the facts of new segments before the searcher is published,
/// so that no search pays for a rebuild's or a merge's new segments.
/// </summary>
internal sealed class WarmingSearcherFactory(Similarity similarity, SegmentFactsCache facts) : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            facts.For(leaf.AtomicReader);
        }

        return new IndexSearcher(reader) { Similarity = similarity };
    }
}
