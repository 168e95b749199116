using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Sees every document the query matches, before any ranking or paging: drops those the filters or the viewer's
/// access exclude, counts the rest into the total and the facets, and only then hands them to the ranking
/// collector. The access delegate runs at most once per matching document, after the cheap array filters.
/// </summary>
internal sealed class FacetingCollector(
    SearchFilter filter,
    Func<string, TitleAccess> access,
    SegmentFactsCache cache,
    GenreTable genres,
    IRanking? ranking) : ICollector
{
    private SegmentFacts facts = null!;
    private bool[] allowedGenres = [];

    /// <summary>Visible matches that pass the filters.</summary>
    public int Total { get; private set; }

    /// <summary>Every match the query found, before filters and access.</summary>
    public int Matched { get; private set; }

    public FacetCounts Facets { get; } = new(genres);

    public bool AcceptsDocsOutOfOrder => ranking?.AcceptsDocsOutOfOrder ?? true;

    public void SetNextReader(AtomicReaderContext context)
    {
        facts = cache.For(context.AtomicReader);
        Facets.EnsureGenres(genres.Count);
        if (filter.HasGenres)
        {
            allowedGenres = filter.AllowedGenres;
        }

        ranking?.SetNextReader(context);
    }

    public void SetScorer(Scorer scorer) => ranking?.SetScorer(scorer);

    public void Collect(int doc)
    {
        Matched++;
        if (filter.HasYears && (facts.Years[doc] < filter.YearFrom || facts.Years[doc] > filter.YearTo))
        {
            return;
        }

        if (facts.Maturity[doc] > filter.MaxMaturity || (filter.HasGenres && !HasAllowedGenre(doc)))
        {
            return;
        }

        var titleAccess = access(facts.Ids[doc]);
        if (titleAccess == TitleAccess.Hidden || (filter.Access is { } only && titleAccess != only))
        {
            return;
        }

        Total++;
        Facets.Add(facts, doc, titleAccess);
        ranking?.Collect(doc);
    }

    private bool HasAllowedGenre(int doc)
    {
        var numbers = facts.GenreNumbers;
        for (int i = facts.GenreStarts[doc], end = facts.GenreStarts[doc + 1]; i < end; i++)
        {
            var number = numbers[i];
            if (number < allowedGenres.Length && allowedGenres[number])
            {
                return true;
            }
        }

        return false;
    }
}
