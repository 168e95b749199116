using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// The facts of each live segment, keyed by the segment's core so that every reopened reader shares them;
/// an entry goes when its segment is merged away and collected.
/// </summary>
internal sealed class SegmentFactsCache(GenreTable genres)
{
    private readonly ConditionalWeakTable<object, SegmentFacts> bySegment = [];

    public SegmentFacts For(AtomicReader reader) =>
        bySegment.TryGetValue(reader.CoreCacheKey, out var facts)
            ? facts
            : bySegment.GetValue(reader.CoreCacheKey, _ => SegmentFacts.Read(reader, genres));
}
