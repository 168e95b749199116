using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Most recently added first, for browsing, from the segment facts: a bounded min-heap whose root is the oldest
/// title kept, so most documents cost one comparison. Ties go to the earlier document.
/// </summary>
internal sealed class NewestFirstRanking(int wanted, SegmentFactsCache cache) : IRanking
{
    private readonly (long AddedAt, int Doc)[] heap = new (long, int)[wanted];
    private int count;
    private int docBase;
    private long[] addedAt = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetNextReader(AtomicReaderContext context)
    {
        docBase = context.DocBase;
        addedAt = cache.For(context.AtomicReader).AddedAt;
    }

    public void SetScorer(Scorer scorer)
    {
    }

    public void Collect(int doc)
    {
        var entry = (addedAt[doc], docBase + doc);
        if (count < heap.Length)
        {
            heap[count] = entry;
            SiftUp(count++);
        }
        else if (heap.Length > 0 && Newer(entry, heap[0]))
        {
            heap[0] = entry;
            SiftDown(0);
        }
    }

    public ScoreDoc[] Page(int offset, int limit)
    {
        var kept = heap[..count];
        Array.Sort(kept, (a, b) => Newer(a, b) ? -1 : Newer(b, a) ? 1 : 0);
        return [.. kept.Skip(offset).Take(limit).Select(e => new ScoreDoc(e.Doc, 0f))];
    }

    private static bool Newer((long AddedAt, int Doc) a, (long AddedAt, int Doc) b) =>
        a.AddedAt > b.AddedAt || (a.AddedAt == b.AddedAt && a.Doc < b.Doc);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Newer(heap[parent], heap[i]))
            {
                return;
            }

            (heap[parent], heap[i]) = (heap[i], heap[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var oldest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < count && Newer(heap[oldest], heap[left]))
            {
                oldest = left;
            }

            if (right < count && Newer(heap[oldest], heap[right]))
            {
                oldest = right;
            }

            if (oldest == i)
            {
                return;
            }

            (heap[oldest], heap[i]) = (heap[i], heap[oldest]);
            i = oldest;
        }
    }
}
