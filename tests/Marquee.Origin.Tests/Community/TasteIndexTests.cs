using Marquee.Origin.Community;

namespace Marquee.Origin.Tests.Community;

/// <summary>The matcher on its own: who counts as alike, what is shown as the reason, what is never matched.</summary>
public sealed class TasteIndexTests
{
    private static Dictionary<string, float> Vector(params (string Title, float Weight)[] weights) => weights.ToDictionary(w => w.Title, w => w.Weight);

    [Fact]
    public void People_need_the_minimum_overlap_and_agreeing_beats_disagreeing()
    {
        var index = new TasteIndex();
        index.Load(new Dictionary<string, Dictionary<string, float>>
        {
            ["me"] = Vector(("a", 4), ("b", 4), ("c", 2.5f), ("d", -2)),
            ["twin"] = Vector(("a", 4), ("b", 4), ("c", 2.5f), ("d", -2)),
            ["close"] = Vector(("a", 4), ("b", 2.5f), ("c", 4)),
            ["opposite"] = Vector(("a", -2), ("b", -2), ("c", -2), ("d", 4)),
            ["little"] = Vector(("a", 4), ("b", 4)),
        });

        var matches = index.Find("me", Vector(("a", 4), ("b", 4), ("c", 2.5f), ("d", -2)), minimumOverlap: 3, limit: 10);

        Assert.Equal(["twin", "close"], matches.Select(m => m.ProfileId));
        Assert.True(matches[0].Score > matches[1].Score);
        Assert.InRange(matches[0].Score, 0.5, 1.0);
    }

    [Fact]
    public void Shared_titles_are_only_those_both_liked_best_first()
    {
        var index = new TasteIndex();
        index.Load(new Dictionary<string, Dictionary<string, float>>
        {
            ["other"] = Vector(("a", 4), ("b", 2.5f), ("c", 4), ("d", -2), ("e", 2.5f)),
        });

        var mine = Vector(("a", 4), ("b", 2.5f), ("c", 2.5f), ("d", -2), ("f", 4));
        var match = Assert.Single(index.Find("me", mine, minimumOverlap: 3, limit: 10));

        Assert.Equal(["a", "c", "b"], index.Shared(mine, match.ProfileId));
    }

    [Fact]
    public void Nobody_is_matched_with_themselves_or_from_an_empty_index()
    {
        var mine = Vector(("a", 4), ("b", 4), ("c", 4));
        Assert.Empty(new TasteIndex().Find("me", mine, 3, 10));
        var index = new TasteIndex();
        index.Load(new Dictionary<string, Dictionary<string, float>> { ["me"] = mine });
        Assert.Empty(index.Find("me", mine, 3, 10));
    }
}
