using Marquee.Origin.Catalog.Search;
using static Marquee.Origin.Tests.Catalog.Search.Titles;

namespace Marquee.Origin.Tests.Catalog.Search;

public sealed class SearchVisibilityTests : IDisposable
{
    // 30 titles about a galaxy; every third is hidden from this viewer, the others alternate free and subscription.
    private readonly SearchIndex index = Index([.. Enumerable.Range(0, 30).Select(i => Title(
        $"g{i:D2}",
        $"Galaxy Story {i}",
        "A tale of the galaxy.",
        [i % 2 == 0 ? "Drama" : "Comedy"],
        year: 1990 + i,
        maturity: i % 3 == 0 ? 18 : 7,
        addedAtMs: i))]);

    public void Dispose() => index.Dispose();

    private static TitleAccess Viewer(string titleId)
    {
        var n = int.Parse(titleId[1..]);
        return n % 3 == 0 ? TitleAccess.Hidden : n % 2 == 0 ? TitleAccess.Free : TitleAccess.Subscription;
    }

    private static bool IsHidden(string titleId) => Viewer(titleId) == TitleAccess.Hidden;

    [Fact]
    public void Hidden_titles_are_in_neither_items_nor_total_nor_facets()
    {
        var results = index.Search(new SearchQuery("galaxy", Limit: 50), Viewer);

        Assert.Equal(20, results.Total);
        Assert.Equal(20, results.Items.Count);
        Assert.DoesNotContain(results.Items, i => IsHidden(i.TitleId));
        Assert.Equal(20, results.Access.Sum(a => a.Count));
        Assert.Equal(20, results.Genres.Sum(g => g.Count));
        Assert.Equal(20, results.Decades.Sum(d => d.Count));
        Assert.Equal([new SearchFacetValue("7", 20)], results.Maturity);
    }

    [Fact]
    public void Paging_runs_over_the_visible_titles_only()
    {
        var pages = Enumerable.Range(0, 5).Select(p => index.Search(new SearchQuery("galaxy", Offset: p * 5, Limit: 5), Viewer)).ToList();

        Assert.All(pages, p => Assert.Equal(20, p.Total));
        Assert.Equal([5, 5, 5, 5, 0], pages.Select(p => p.Items.Count));
        var seen = pages.SelectMany(p => p.Ids()).ToList();
        Assert.Equal(20, seen.Distinct().Count());
        Assert.DoesNotContain(seen, IsHidden);
    }

    [Fact]
    public void Browsing_pages_over_the_visible_titles_only_too()
    {
        var pages = Enumerable.Range(0, 4).Select(p => index.Search(new SearchQuery("", Offset: p * 5, Limit: 5), Viewer)).ToList();

        var seen = pages.SelectMany(p => p.Ids()).ToList();
        Assert.Equal(20, seen.Distinct().Count());
        Assert.DoesNotContain(seen, IsHidden);
    }

    [Fact]
    public void The_access_rule_is_asked_at_most_once_per_matching_title()
    {
        var asked = new Dictionary<string, int>();
        TitleAccess Counting(string titleId)
        {
            asked[titleId] = asked.GetValueOrDefault(titleId) + 1;
            return Viewer(titleId);
        }

        index.Search(new SearchQuery("galaxy", Limit: 3), Counting);

        Assert.Equal(30, asked.Count);
        Assert.All(asked.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public void The_access_rule_is_asked_at_most_once_even_when_the_search_is_relaxed_to_any_word()
    {
        // No title has both words, so the search is run again accepting either.
        var asked = new Dictionary<string, int>();
        TitleAccess Counting(string titleId)
        {
            asked[titleId] = asked.GetValueOrDefault(titleId) + 1;
            return Viewer(titleId);
        }

        var results = index.Search(new SearchQuery("galaxy xyzzy"), Counting);

        Assert.Equal(20, results.Total);
        Assert.All(asked.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Nothing_is_visible_when_everything_is_hidden()
    {
        var results = index.Search(new SearchQuery(""), _ => TitleAccess.Hidden);

        Assert.Equal(0, results.Total);
        Assert.Empty(results.Items);
        Assert.Empty(results.Genres);
        Assert.Empty(results.Decades);
        Assert.Empty(results.Maturity);
        Assert.Empty(results.Access);
    }

    [Fact]
    public void An_empty_query_browses_every_visible_title_newest_first()
    {
        var results = index.Search(new SearchQuery("", Limit: 3), Viewer);

        Assert.Equal(20, results.Total);
        Assert.Equal(["g29", "g28", "g26"], results.Ids());
        Assert.Equal(20, results.Access.Sum(a => a.Count));
        Assert.Equal(results.Ids(), index.Search(new SearchQuery("   \t ", Limit: 3), Viewer).Ids());
    }
}
