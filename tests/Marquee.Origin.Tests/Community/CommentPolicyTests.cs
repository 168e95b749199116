using Marquee.Origin.Community;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Tests.Community;

/// <summary>The arrival policy on its own: links from new accounts, watched words, and what is left alone.</summary>
public sealed class CommentPolicyTests
{
    private readonly CommentPolicy policy = new(Options.Create(new CommunityOptions { HeldWords = ["free money", "c++"], RemovedWords = ["slur"] }));

    [Theory]
    [InlineData("see https://example.org/x")]
    [InlineData("see http://example.org")]
    [InlineData("visit www.example.org now")]
    [InlineData("cheap-pills.shop has deals")]
    [InlineData("GO TO SPAM.XYZ")]
    public void Links_from_new_accounts_are_held_and_from_older_ones_are_not(string body)
    {
        Assert.Equal(CommentStatus.Held, policy.Judge(body, newAccount: true).Status);
        Assert.Equal(CommentStatus.Visible, policy.Judge(body, newAccount: false).Status);
    }

    [Theory]
    [InlineData("e.g. the 3.5 stars it got, i.e. fine")]
    [InlineData("the end... or is it?")]
    [InlineData("mr.robot fans unite")]
    public void Sentences_with_dots_are_not_links(string body) =>
        Assert.Equal(CommentStatus.Visible, policy.Judge(body, newAccount: true).Status);

    [Theory]
    [InlineData("Get FREE MONEY here", CommentStatus.Held)]
    [InlineData("I write c++ for a living", CommentStatus.Held)]
    [InlineData("freemoney is one word", CommentStatus.Visible)]
    [InlineData("what a slur!", CommentStatus.Removed)]
    [InlineData("slurp the soup", CommentStatus.Visible)]
    public void Watched_words_match_whole_words_ignoring_case(string body, CommentStatus expected) =>
        Assert.Equal(expected, policy.Judge(body, newAccount: false).Status);

    [Fact]
    public void A_long_run_of_dotted_words_is_not_a_link()
    {
        var body = string.Concat(Enumerable.Repeat("a.", 100_000)) + "!";
        Assert.Equal(CommentStatus.Visible, policy.Judge(body, newAccount: true).Status);
    }
}
