using Marquee.Origin.Catalog.Search;
using static Marquee.Origin.Tests.Catalog.Search.Titles;

namespace Marquee.Origin.Tests.Catalog.Search;

public sealed class SearchFacetTests : IDisposable
{
    private readonly SearchIndex index = Index(
        Title("a", "Harbor Lights", genres: ["Drama", "Romance"], year: 1994, maturity: 13, addedAtMs: 1),
        Title("b", "Harbor Nights", genres: ["drama"], year: 1999, maturity: 16, addedAtMs: 2),
        Title("c", "Harbor Days", genres: ["Comedy"], year: 2000, maturity: 7, addedAtMs: 3),
        Title("d", "Harbor Kids", genres: ["Family", "Comedy"], year: 2011, maturity: 0, addedAtMs: 4),
        Title("e", "Harbor Blood", genres: ["Horror"], year: 2019, maturity: 18, addedAtMs: 5),
        Title("f", "Harbor Unknown", genres: ["Drama"], year: null, maturity: 13, addedAtMs: 6),
        Title("g", "Elsewhere", genres: ["Drama"], year: 2005, maturity: 0, addedAtMs: 7));

    public void Dispose() => index.Dispose();

    // a, c and e are free; the rest need a subscription.
    private static TitleAccess Viewer(string titleId) => titleId is "a" or "c" or "e" ? TitleAccess.Free : TitleAccess.Subscription;

    private SearchResults Harbor(SearchQuery query) => index.Search(query with { Text = "harbor" }, Viewer);

    [Fact]
    public void Facets_count_every_match_before_paging()
    {
        var results = Harbor(new SearchQuery("", Limit: 1));

        Assert.Equal(6, results.Total);
        Assert.Single(results.Items);
        Assert.Equal(
            [new("Drama", 3), new("Comedy", 2), new("Family", 1), new("Horror", 1), new("Romance", 1)],
            results.Genres);
        Assert.Equal([new("1990s", 2), new("2000s", 1), new("2010s", 2)], results.Decades);
        Assert.Equal([new("0", 1), new("7", 1), new("13", 2), new("16", 1), new("18", 1)], results.Maturity);
        Assert.Equal([new("free", 3), new("subscription", 3)], results.Access);
    }

    [Fact]
    public void Genre_filter_keeps_titles_with_any_of_the_genres_whatever_their_case()
    {
        Assert.Equal(["a", "b", "f"], Harbor(new SearchQuery("", Genres: ["DRAMA"])).Ids().Order());
        Assert.Equal(["a", "b", "d", "f"], Harbor(new SearchQuery("", Genres: ["drama", "family"])).Ids().Order());
        Assert.Equal(0, Harbor(new SearchQuery("", Genres: ["Western"])).Total);
    }

    [Fact]
    public void Year_filter_is_inclusive_and_leaves_out_titles_without_a_year()
    {
        Assert.Equal(["b", "c"], Harbor(new SearchQuery("", YearFrom: 1999, YearTo: 2000)).Ids().Order());
        Assert.Equal(["d", "e"], Harbor(new SearchQuery("", YearFrom: 2010)).Ids().Order());
        Assert.Equal(["a"], Harbor(new SearchQuery("", YearTo: 1994)).Ids());
    }

    [Fact]
    public void Maturity_filter_keeps_titles_rated_at_most_the_limit()
    {
        Assert.Equal(["c", "d"], Harbor(new SearchQuery("", MaxMaturity: 7)).Ids().Order());
        Assert.Equal(["d"], Harbor(new SearchQuery("", MaxMaturity: 0)).Ids());
    }

    [Fact]
    public void Access_filter_keeps_only_free_or_only_subscription_titles()
    {
        Assert.Equal(["a", "c", "e"], Harbor(new SearchQuery("", Access: TitleAccess.Free)).Ids().Order());
        Assert.Equal(["b", "d", "f"], Harbor(new SearchQuery("", Access: TitleAccess.Subscription)).Ids().Order());
    }

    [Fact]
    public void Filters_combine_and_the_facets_count_what_they_keep()
    {
        var results = Harbor(new SearchQuery("", Genres: ["Drama", "Comedy"], YearFrom: 1990, YearTo: 2005, MaxMaturity: 13));

        Assert.Equal(["a", "c"], results.Ids().Order());
        Assert.Equal(2, results.Total);
        Assert.Equal([new("Comedy", 1), new("Drama", 1), new("Romance", 1)], results.Genres);
        Assert.Equal([new("free", 2)], results.Access);
    }

    [Fact]
    public void Filters_apply_to_browsing_too()
    {
        var results = index.Search(new SearchQuery("", Genres: ["drama"]), Viewer);

        Assert.Equal(["g", "f", "b", "a"], results.Ids());
        Assert.Equal(4, results.Total);
    }

    [Fact]
    public void The_first_spelling_of_a_genre_is_the_one_shown()
    {
        var genres = Harbor(new SearchQuery("")).Genres.Select(g => g.Value);

        Assert.Contains("Drama", genres);
        Assert.DoesNotContain("drama", genres);
    }
}
