using Marquee.Origin.Steering;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Origin.Tests.Steering;

/// <summary>How degraded and overloaded edges are ordered, on edges as the directory holds them (no server needed).</summary>
public sealed class SteeringRankerTests
{
    private static readonly string[] Assets = [.. Enumerable.Range(0, 200).Select(i => $"asset{i:000}")];

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SteeringRanker ranker;

    public SteeringRankerTests() => ranker = new SteeringRanker(Options.Create(new SteeringOptions()), clock);

    [Fact]
    public void A_degraded_edge_goes_after_every_healthy_edge_of_its_region_but_before_other_regions()
    {
        IReadOnlyList<EdgeNode> edges = [Edge("eu-1", "eu", degraded: true), Edge("eu-2", "eu"), Edge("eu-3", "eu"), Edge("us-1", "us")];

        var orders = Assets.Select(a => Ids(ranker.Rank(edges, "eu", a))).ToList();

        Assert.All(orders, order => Assert.Equal(["eu-1", "us-1"], order.Skip(2)));
        // Rendezvous hashing still spreads the assets over the healthy ones.
        Assert.Contains(orders, order => order[0] == "eu-2");
        Assert.Contains(orders, order => order[0] == "eu-3");
    }

    [Fact]
    public void Healthy_then_healthy_overloaded_then_degraded_then_degraded_and_overloaded()
    {
        IReadOnlyList<EdgeNode> edges =
        [
            Edge("eu-1", "eu", degraded: true, load: 0.95),
            Edge("eu-2", "eu", degraded: true),
            Edge("eu-3", "eu", load: 0.95),
            Edge("eu-4", "eu"),
        ];

        Assert.All(Assets, a => Assert.Equal(["eu-4", "eu-3", "eu-2", "eu-1"], Ids(ranker.Rank(edges, "eu", a))));
    }

    [Fact]
    public void Among_degraded_edges_rendezvous_order_is_kept()
    {
        IReadOnlyList<EdgeNode> healthy = [Edge("eu-1", "eu"), Edge("eu-2", "eu")];
        IReadOnlyList<EdgeNode> degraded = [Edge("eu-1", "eu", degraded: true), Edge("eu-2", "eu", degraded: true)];

        // When the whole region is degraded (its origin slow, say), each asset keeps its favourite edge.
        Assert.All(Assets, a => Assert.Equal(Ids(ranker.Rank(healthy, "eu", a)), Ids(ranker.Rank(degraded, "eu", a))));
    }

    [Fact]
    public void A_degraded_edge_is_still_live_and_one_that_says_it_is_not_healthy_is_not()
    {
        var degraded = Edge("eu-1", "eu", degraded: true);
        var down = Edge("eu-2", "eu");
        down.Healthy = false;

        Assert.True(ranker.IsLive(degraded));
        Assert.False(ranker.IsLive(down));
        Assert.Equal(["eu-1"], Ids(ranker.Rank([degraded, down], "eu", "asset")));
    }

    private static List<string> Ids(IEnumerable<EdgeNode> edges) => [.. edges.Select(e => e.Id)];

    private EdgeNode Edge(string id, string region, bool degraded = false, double load = 0.1) => new()
    {
        Id = id,
        Region = region,
        BaseUrl = $"http://{id}.example",
        Healthy = true,
        Degraded = degraded,
        DegradedReason = degraded ? "4 of 10 upstream fetches failed in the last 30 s" : null,
        LoadFactor = load,
        LastSeenMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
    };
}
