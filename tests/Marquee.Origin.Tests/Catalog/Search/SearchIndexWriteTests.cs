using Marquee.Origin.Catalog.Search;
using static Marquee.Origin.Tests.Catalog.Search.Titles;

namespace Marquee.Origin.Tests.Catalog.Search;

public sealed class SearchIndexWriteTests
{
    [Fact]
    public void An_upsert_is_found_by_the_very_next_search()
    {
        using var index = Index(Title("a", "Harbor Lights"));

        index.Upsert(Title("b", "Mountain Echo"));

        Assert.Equal(["b"], index.Find("mountain").Ids());
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void An_upsert_replaces_the_previous_version_of_the_title()
    {
        using var index = Index(Title("a", "Harbor Lights", genres: ["Drama"]), Title("b", "Harbor Nights"));

        index.Upsert(Title("a", "Mountain Echo", genres: ["Comedy"]));

        Assert.Equal(["b"], index.Find("harbor").Ids());
        Assert.Equal(["a"], index.Find("mountain").Ids());
        Assert.Equal([new SearchFacetValue("Comedy", 1)], index.Find("").Genres);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void A_removed_title_is_gone_from_the_next_search()
    {
        using var index = Index(Title("a", "Harbor Lights"), Title("b", "Harbor Nights"));

        index.Remove("a");
        index.Remove("never-indexed");

        Assert.Equal(["b"], index.Find("harbor").Ids());
        Assert.Equal(["b"], index.Find("").Ids());
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Rebuild_replaces_everything()
    {
        using var index = Index(Title("a", "Harbor Lights", genres: ["Drama"]), Title("b", "Harbor Nights"));

        index.Rebuild([Title("c", "Mountain Echo", genres: ["Comedy"]), Title("d", "Mountain Air")]);

        Assert.Equal(0, index.Find("harbor").Total);
        Assert.Equal(["c", "d"], index.Find("mountain").Ids().Order());
        Assert.Equal([new SearchFacetValue("Comedy", 1)], index.Find("").Genres);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Rebuild_keeps_the_last_of_duplicate_titles()
    {
        using var index = Index(Title("a", "Harbor Lights"), Title("a", "Mountain Echo"));

        Assert.Equal(1, index.Count);
        Assert.Equal(["a"], index.Find("mountain").Ids());
        Assert.Equal(0, index.Find("harbor").Total);
    }

    [Fact]
    public void A_new_index_is_empty_and_searchable()
    {
        using var index = new SearchIndex();

        Assert.Equal(0, index.Count);
        Assert.Equal(0, index.Find("anything").Total);
        Assert.Equal(0, index.Find("").Total);
    }

    [Fact]
    public void Titles_with_missing_parts_are_indexed()
    {
        using var index = new SearchIndex();

        index.Upsert(new SearchDocument("a", "Bare", null!, null!, null!, null, 0, 0));
        index.Upsert(Title("b", "", genres: ["", " ", "Drama"], people: ["", "Ann Other"]));

        Assert.Equal(["a"], index.Find("bare").Ids());
        Assert.Equal(["b"], index.Find("drama").Ids());
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void A_title_without_an_id_is_refused()
    {
        using var index = new SearchIndex();

        Assert.Throws<ArgumentException>(() => index.Upsert(Title("", "Nameless")));
        Assert.Throws<ArgumentException>(() => index.Rebuild([Title("a", "Fine"), Title("", "Nameless")]));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task Searches_running_during_upserts_and_removes_never_fail()
    {
        using var index = Index([.. Enumerable.Range(0, 200).Select(i => Title($"t{i}", $"Harbor Story {i}", "The sea at night.", ["Drama"], addedAtMs: i))]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var searches = 0;

        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                index.Upsert(Title($"t{i % 300}", $"Harbor Story {i} Revised", "The sea at dawn.", ["Comedy"], addedAtMs: 1000 + i));
                if (i % 7 == 0)
                {
                    index.Remove($"t{(i * 13) % 300}");
                }
            }
        });
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(() =>
        {
            string[] texts = ["harbor", "harbr story", "revised", "sea", "", "harb", "story 12"];
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var results = index.Search(new SearchQuery(texts[(i + r) % texts.Length], Limit: 10), AllFree);
                Assert.True(results.Items.Count <= 10);
                Assert.True(results.Total >= results.Items.Count);
                Interlocked.Increment(ref searches);
            }
        })).ToList();

        await Task.WhenAll([writer, .. readers]);

        Assert.True(searches > 0);
        Assert.True(index.Count > 0);
    }
}
