using static Marquee.Origin.Tests.Catalog.Search.Titles;

namespace Marquee.Origin.Tests.Catalog.Search;

public sealed class SearchRankingTests : IDisposable
{
    private readonly Marquee.Origin.Catalog.Search.SearchIndex index = Index(
        Title("interstellar", "Interstellar", "A team travels through a wormhole in search of a new home.", ["Science Fiction", "Drama"], ["Christopher Nolan", "Matthew McConaughey"], 2014),
        Title("interstate", "Interstate 60", "A road movie about wishes.", ["Comedy"], ["Bob Gale"], 2002),
        Title("stellar", "Stellar Night", "An interstellar voyage goes wrong.", ["Science Fiction"], ["Ann Other"], 2019),
        Title("dark-knight", "The Dark Knight Returns Again", "A vigilante comes back.", ["Action"], ["Someone Else"], 2008),
        Title("knight-dark", "Knight in the Dark", "A knight is lost.", ["Fantasy"], ["Nobody Known"], 1995),
        Title("star-wars", "Star Wars", "A farm boy joins a rebellion.", ["Science Fiction", "Adventure"], ["George Lucas", "Mark Hamill"], 1977),
        Title("star-trek", "Star Trek", "A crew explores space.", ["Science Fiction"], ["J. J. Abrams"], 2009),
        Title("wars-stars", "Wars Between Stars", "Planets fight.", ["Animation"], ["Ann Other"], 2011),
        Title("amelie", "Amélie", "A shy waitress in Paris decides to change the lives of others.", ["Comedy", "Romance"], ["Jean-Pierre Jeunet", "Audrey Tautou"], 2001),
        Title("leon", "Léon", "A hitman takes in a girl.", ["Crime"], ["Luc Besson"], 1994),
        Title("heat", "Heat", "A detective hunts a crew of thieves.", ["Crime", "Thriller"], ["Michael Mann", "Al Pacino"], 1995),
        Title("alien", "Alien", "A crew meets a creature in space.", ["Horror", "Science Fiction"], ["Ridley Scott", "Sigourney Weaver"], 1979),
        Title("ghostbusters", "Ghostbusters", "Three scientists catch ghosts in New York.", ["Comedy"], ["Ivan Reitman", "Bill Murray"], 1984),
        Title("outbreak", "Outbreak", "A virus spreads from a monkey.", ["Thriller"], ["Wolfgang Petersen"], 1995),
        Title("stars", "Stars", "A documentary about the night sky.", ["Documentary"], ["Ann Other"], 2020),
        Title("start", "Start", "A short about beginnings.", ["Drama"], ["Ann Other"], 2021),
        Title("memento", "Memento", "A man with no short-term memory hunts a killer.", ["Thriller"], ["Christopher Nolan", "Guy Pearce"], 2000));

    public void Dispose() => index.Dispose();

    [Fact]
    public void An_exact_name_ranks_first_above_a_synopsis_mention()
    {
        var results = index.Find("interstellar");

        Assert.Equal("interstellar", results.First());
        Assert.Contains("stellar", results.Ids());
    }

    [Fact]
    public void The_words_in_order_in_the_name_outrank_the_same_words_scattered()
    {
        var results = index.Find("dark knight");

        Assert.Equal(["dark-knight", "knight-dark"], results.Ids().Take(2));
    }

    [Theory]
    [InlineData("intersteller", "interstellar")]
    [InlineData("intersellar", "interstellar")]
    [InlineData("aliem", "alien")]
    [InlineData("alein", "alien")]
    [InlineData("memnto", "memento")]
    [InlineData("star warz", "star-wars")]
    [InlineData("nterstellar", "interstellar")]
    [InlineData("klien", "alien")]
    [InlineData("emmento", "memento")]
    public void One_typo_in_a_word_of_five_letters_or_more_still_finds_the_title_first(string text, string expected) =>
        Assert.Equal(expected, index.Find(text).First());

    [Theory]
    [InlineData("heet")]
    [InlineData("haet")]
    [InlineData("alen")]
    public void Words_under_five_letters_get_no_typo_tolerance(string text) =>
        Assert.DoesNotContain(index.Find(text).Ids(), id => id is "heat" or "alien");

    [Fact]
    public void Words_of_nine_letters_or_more_tolerate_two_typos_and_shorter_ones_do_not()
    {
        Assert.Equal("ghostbusters", index.Find("ghostbasterz").First());
        Assert.Equal("outbreak", index.Find("outbraek").First());
        Assert.DoesNotContain("outbreak", index.Find("oitbreax").Ids());
    }

    [Fact]
    public void An_exact_word_outranks_a_word_one_typo_away()
    {
        var stars = index.Find("stars").Ids().ToList();

        Assert.Equal("stars", stars[0]);
        Assert.True(stars.IndexOf("wars-stars") < stars.IndexOf("start"), string.Join(", ", stars));
        Assert.Equal(["start", "stars"], index.Find("start").Ids().Take(2));
    }

    [Fact]
    public void The_last_word_also_matches_as_a_prefix_while_typing()
    {
        Assert.Equal("interstellar", index.Find("interst").First());
        Assert.Equal("star-wars", index.Find("star wa").First());
        Assert.Equal("star-wars", index.Find("Star Wa").First());
        Assert.Contains("star-trek", index.Find("star tr").Ids());
    }

    [Fact]
    public void A_single_letter_is_not_a_prefix()
    {
        Assert.Equal(0, index.Find("i").Total);
        Assert.Equal(0, index.Find("z").Total);
    }

    [Theory]
    [InlineData("amelie")]
    [InlineData("AMELIE")]
    [InlineData("Amélie")]
    [InlineData("amélie")]
    [InlineData("AMÉLIE")]
    public void Accents_and_case_do_not_matter(string text) => Assert.Equal("amelie", index.Find(text).First());

    [Fact]
    public void An_accent_in_the_query_finds_a_name_typed_without_it_too()
    {
        Assert.Equal("leon", index.Find("Léon").First());
        Assert.Equal("leon", index.Find("leon").First());
    }

    [Fact]
    public void Apostrophes_and_colons_do_not_split_or_join_words_differently_in_queries_and_names()
    {
        using var names = Index(Title("schindler", "Schindler’s List"), Title("covenant", "Alien:Covenant"));

        Assert.Equal("schindler", names.Find("schindlers list").First());
        Assert.Equal("schindler", names.Find("Schindler's").First());
        Assert.Equal("covenant", names.Find("covenant").First());
        Assert.Equal("covenant", names.Find("alien: covenant").First());
    }

    [Fact]
    public void Cast_and_crew_names_find_their_titles()
    {
        var results = index.Find("nolan");

        Assert.Equal(["interstellar", "memento"], results.Ids().Order());
        Assert.Equal("alien", index.Find("sigourney weaver").First());
        Assert.Equal("amelie", index.Find("tautou").First());
    }

    [Fact]
    public void Genres_find_their_titles()
    {
        var results = index.Find("crime");

        Assert.Equal(["heat", "leon"], results.Ids().Order());
        Assert.Equal(5, index.Find("science fiction").Ids().Count(id => id is "interstellar" or "stellar" or "star-wars" or "star-trek" or "alien"));
    }

    [Fact]
    public void A_name_match_outranks_a_cast_match_and_a_cast_match_outranks_a_synopsis_match()
    {
        using var names = Index(
            Title("in-synopsis", "Quiet Days", "Hopper paints a house."),
            Title("in-people", "Loud Nights", people: ["Dennis Hopper"]),
            Title("in-genres", "Long Roads", genres: ["Hopper"]),
            Title("in-name", "Hopper"));

        Assert.Equal(["in-name", "in-people", "in-genres", "in-synopsis"], names.Find("hopper").Ids());
    }

    [Fact]
    public void More_of_the_words_matched_ranks_higher()
    {
        var results = index.Find("crew space alien");

        Assert.Equal("alien", results.First());
    }

    [Fact]
    public void A_misspelt_short_word_among_others_still_finds_the_title()
    {
        // "hte" is no word and too short to correct; the other words carry the search.
        Assert.Equal("dark-knight", index.Find("hte dark knight returns").First());
        Assert.Equal("heat", index.Find("heat thiefs").First());
    }

    [Fact]
    public void Scores_descend_down_the_page()
    {
        var scores = index.Find("star").Items.Select(i => i.Score).ToList();

        Assert.NotEmpty(scores);
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(scores, s => Assert.True(s > 0));
    }
}
