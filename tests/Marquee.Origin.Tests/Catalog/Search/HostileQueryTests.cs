using Marquee.Origin.Catalog.Search;
using static Marquee.Origin.Tests.Catalog.Search.Titles;

namespace Marquee.Origin.Tests.Catalog.Search;

public sealed class HostileQueryTests : IDisposable
{
    private readonly SearchIndex index = Index([.. Enumerable.Range(0, 50).Select(i => Title(
        $"t{i}",
        $"Title {i} of the Drop Table Saga",
        "Star wars and regex and OR and AND.",
        ["Drama"],
        ["Ann Other"],
        addedAtMs: i))]);

    public void Dispose() => index.Dispose();

    public static TheoryData<string> Texts() =>
    [
        "\"",
        "\"star wars",
        "\"unbalanced \" quotes \"",
        "*",
        "?",
        "star*",
        "st?r",
        "*:*",
        "title:x AND (y OR z)~2^3",
        "[a TO z]",
        "{a TO z}",
        "\\",
        "\\\\\\",
        "/regex/",
        "/.*/",
        "'; DROP TABLE titles; --",
        "1' OR '1'='1",
        "NOT",
        "AND OR NOT",
        "+-&&||!(){}[]^\"~*?:\\/",
        "~~~~~~",
        "^^^",
        "\0",
        "\u0001\u0002\u001f\u007f",
        "tab\tnew\nline\rreturn",
        "🎬🍿🎥",
        "star 🎬 wars",
        "\ud83c",
        "\udfac lone low surrogate",
        "👨‍👩‍👧‍👦",
        "日本語のタイトル",
        "العربية",
        "ﬁ ligature and ß",
        "a",
        "aa",
        "x y z a b c d e f g h i j k l m n o p",
        "drop drop drop drop drop drop drop drop drop drop drop drop drop drop",
        "supercalifragilisticexpialidocious",
        new string('a', 300),
        new string('x', 10_000),
        string.Join(' ', Enumerable.Repeat("interstellar", 2_000)),
        string.Concat(Enumerable.Repeat("ab ", 3_334)),
        string.Concat(Enumerable.Repeat("🎬", 5_000)),
        "<script>alert(1)</script>",
        "%00%27%22",
        "${jndi:ldap://x}",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Hostile_text_never_throws_and_gets_a_normal_result(string text)
    {
        var results = index.Search(new SearchQuery(text, Limit: 10), AllFree);

        Assert.InRange(results.Items.Count, 0, 10);
        Assert.InRange(results.Total, results.Items.Count, 50);
        Assert.All(results.Items, i => Assert.StartsWith("t", i.TitleId, StringComparison.Ordinal));
    }

    [Fact]
    public void Syntax_is_searched_as_plain_words()
    {
        Assert.Equal(50, index.Find("'; DROP TABLE titles; --").Total);
        Assert.Equal(50, index.Find("star AND wars").Total);
        Assert.Equal(50, index.Find("title:drop").Total);
    }

    [Fact]
    public void A_null_text_browses()
    {
        var results = index.Search(new SearchQuery(null!), AllFree);

        Assert.Equal(50, results.Total);
    }

    [Theory]
    [InlineData(-5, 10)]
    [InlineData(0, -1)]
    [InlineData(0, 0)]
    [InlineData(1_000_000, 10)]
    [InlineData(int.MaxValue, int.MaxValue)]
    [InlineData(0, int.MaxValue)]
    [InlineData(45, 50)]
    public void Any_page_is_handled(int offset, int limit)
    {
        foreach (var text in new[] { "drop", "" })
        {
            var results = index.Search(new SearchQuery(text, Offset: offset, Limit: limit), AllFree);

            Assert.Equal(50, results.Total);
            Assert.Equal(Math.Clamp(50 - Math.Max(0, offset), 0, Math.Max(0, limit)), results.Items.Count);
        }
    }
}
