using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Marquee.Origin.Catalog.Search;

/// <summary>Best score first, through Lucene's own top-N queue; ties go to the earlier document.</summary>
internal sealed class RelevanceRanking(int wanted) : IRanking
{
    private readonly TopScoreDocCollector top = TopScoreDocCollector.Create(wanted, docsScoredInOrder: false);

    public bool AcceptsDocsOutOfOrder => top.AcceptsDocsOutOfOrder;

    public void SetNextReader(AtomicReaderContext context) => top.SetNextReader(context);

    public void SetScorer(Scorer scorer) => top.SetScorer(scorer);

    public void Collect(int doc) => top.Collect(doc);

    public ScoreDoc[] Page(int offset, int limit) => top.GetTopDocs(offset, limit).ScoreDocs;
}
