using Marquee.Origin.Catalog.Search;

namespace Marquee.Origin.Tests.Catalog.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("star wars")]
    [InlineData("Amélie 🎬")]
    [InlineData("tab\tand\nnewline")]
    public void Ordinary_text_is_accepted(string? text) => Assert.Null(SearchText.Validate(text));

    [Fact]
    public void Text_up_to_the_limit_is_accepted_and_one_more_character_is_not()
    {
        Assert.Null(SearchText.Validate(new string('a', SearchText.MaxLength)));

        var problem = SearchText.Validate(new string('a', SearchText.MaxLength + 1));

        Assert.NotNull(problem);
        Assert.Contains("200", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_are_refused() => Assert.NotNull(SearchText.Validate("star\u0000wars"));
}
