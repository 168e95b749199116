using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// The catalog's full-text index, in memory. Any number of searches run concurrently with writes; each write is
/// visible to the next search. Rebuild, Upsert and Remove are serialized among themselves.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    // Beyond this a query is no longer what a person types; the rest is ignored rather than analyzed.
    private const int MaxAnalyzedChars = 1000;

    private readonly CatalogAnalyzer analyzer = new();
    private readonly RAMDirectory directory = new();
    private readonly GenreTable genres = new();
    private readonly SegmentFactsCache facts;
    private readonly TitleDocuments documents;
    private readonly RelevanceQuery relevance = new(new NearMisses());
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly System.Threading.Lock writeGate = new();
    private bool disposed;

    public SearchIndex()
    {
        facts = new SegmentFactsCache(genres);
        documents = new TitleDocuments(analyzer);
        var similarity = new CatalogSimilarity();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = similarity,
            RAMBufferSizeMB = 256, // a rebuild of 100,000 titles in one flush: one segment, no merge

            // Every write opens a one-title segment, and a search costs a term lookup per segment for each of its
            // few hundred terms: merge small segments early to keep their number low.
            MergePolicy = new TieredMergePolicy { SegmentsPerTier = 3, MaxMergeAtOnce = 3 },
        };
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, applyAllDeletes: true, new WarmingSearcherFactory(similarity, facts));
    }

    public int Count
    {
        get
        {
            var searcher = searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

    /// <summary>Replaces everything; searches see the old index until the new one is complete. Of duplicates the last wins.</summary>
    public void Rebuild(IEnumerable<SearchDocument> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var latest = new Dictionary<string, SearchDocument>(StringComparer.Ordinal);
        foreach (var document in all)
        {
            Check(document);
            latest[document.TitleId] = document;
        }

        lock (writeGate)
        {
            writer.DeleteAll();
            foreach (var document in latest.Values)
            {
                writer.AddDocument(documents.For(document));
            }

            // One segment: a search looks each of its terms up once per segment.
            writer.ForceMerge(1);
            searchers.MaybeRefreshBlocking();
        }
    }

    public void Upsert(SearchDocument document)
    {
        Check(document);
        lock (writeGate)
        {
            writer.UpdateDocument(new Term(SearchFields.Id, document.TitleId), documents.For(document));
            searchers.MaybeRefreshBlocking();
        }
    }

    public void Remove(string titleId)
    {
        ArgumentException.ThrowIfNullOrEmpty(titleId);
        lock (writeGate)
        {
            writer.DeleteDocuments(new Term(SearchFields.Id, titleId));
            searchers.MaybeRefreshBlocking();
        }
    }

    /// <summary>
    /// Never throws on any text or page. <paramref name="access"/> is called at most once per matching title that
    /// passes the other filters, up to every title when browsing, so it should be an in-memory lookup.
    /// </summary>
    public SearchResults Search(SearchQuery query, Func<string, TitleAccess> access)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(access);
        var words = analyzer.Words(Clip(query.Text ?? string.Empty), RelevanceQuery.MaxWords);
        var searcher = searchers.Acquire();
        try
        {
            if (words.Count == 0)
            {
                return Run(searcher, new MatchAllDocsQuery(), query, access, wanted => new NewestFirstRanking(wanted, facts)).Results;
            }

            // Most of the words must match. When no title has them, any of the words may, so that a misspelt short
            // word still finds something; only then, so the access rule is never asked twice about a title.
            var distinct = words.Distinct(StringComparer.Ordinal).Count();
            var required = distinct - (distinct / 3);
            var (results, matched) = Run(searcher, relevance.Build(words, searcher.IndexReader, required), query, access, wanted => new RelevanceRanking(wanted));
            return matched == 0 && required > 1
                ? Run(searcher, relevance.Build(words, searcher.IndexReader, 1), query, access, wanted => new RelevanceRanking(wanted)).Results
                : results;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        lock (writeGate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            searchers.Dispose();
            writer.Rollback(); // closes without a commit, which an index in memory has no use for
            directory.Dispose();
            analyzer.Dispose();
        }
    }

    private (SearchResults Results, int Matched) Run(IndexSearcher searcher, Query lucene, SearchQuery query, Func<string, TitleAccess> access, Func<int, IRanking> ranking)
    {
        var offset = Math.Max(0, query.Offset);
        var limit = Math.Max(0, query.Limit);
        var wanted = (int)Math.Min((long)offset + limit, searcher.IndexReader.MaxDoc);
        var top = limit > 0 && offset < wanted ? ranking(wanted) : null;
        var collector = new FacetingCollector(new SearchFilter(query, genres), access, facts, genres, top);
        searcher.Search(lucene, collector);

        var page = top?.Page(offset, limit) ?? [];
        var items = new List<SearchHit>(page.Length);
        var leaves = searcher.IndexReader.Leaves;
        foreach (var hit in page)
        {
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            items.Add(new SearchHit(facts.For(leaf.AtomicReader).Ids[hit.Doc - leaf.DocBase], hit.Score));
        }

        var facets = collector.Facets;
        return (new SearchResults(items, collector.Total, facets.Genres(), facets.Decades(), facets.Maturity(), facets.Access()), collector.Matched);
    }

    private static string Clip(string text)
    {
        if (text.Length <= MaxAnalyzedChars)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[MaxAnalyzedChars - 1]) ? MaxAnalyzedChars - 1 : MaxAnalyzedChars;
        return text[..end];
    }

    private static void Check(SearchDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(document.TitleId, nameof(document));
    }
}
