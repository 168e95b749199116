using Marquee.Origin.Catalog;

namespace Marquee.Origin.Tests.Catalog;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Amélie: Part 2!", "amelie-part-2")]
    [InlineData("Ærø Straße", "aero-strasse")]
    [InlineData("  --Hello,   World--  ", "hello-world")]
    [InlineData("東京", "title")]
    [InlineData("", "title")]
    public void Slugs_are_folded_lower_case_words_joined_by_hyphens(string name, string slug) =>
        Assert.Equal(slug, Slug.From(name));

    [Fact]
    public void Slugs_are_at_most_80_characters_and_never_end_in_a_hyphen()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("word", 40)));
        Assert.True(slug.Length <= 80);
        Assert.False(slug.EndsWith('-'));
    }
}
