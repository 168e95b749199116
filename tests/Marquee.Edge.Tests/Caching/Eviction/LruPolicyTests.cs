using Marquee.Edge.Caching.Eviction;

namespace Marquee.Edge.Tests.Caching.Eviction;

public sealed class LruPolicyTests
{
    [Fact]
    public void Evicts_the_least_recently_used_bytes_first()
    {
        var lru = new LruPolicy(300);
        var evicted = new List<string>();
        Assert.True(lru.Admit("a", 100, evicted));
        Assert.True(lru.Admit("b", 100, evicted));
        Assert.True(lru.Admit("c", 100, evicted));
        lru.Touch("a");

        Assert.True(lru.Admit("d", 150, evicted));

        // b and c were the least recently used; 150 bytes needed both to go.
        Assert.Equal(["b", "c"], evicted);
        Assert.True(lru.Contains("a"));
        Assert.True(lru.Contains("d"));
        Assert.Equal(250, lru.UsedBytes);
        Assert.Equal(2, lru.Count);
    }

    [Fact]
    public void Refuses_an_object_larger_than_the_capacity_and_changes_nothing()
    {
        var lru = new LruPolicy(1000);
        var evicted = new List<string>();
        lru.Admit("a", 600, evicted);

        Assert.False(lru.Admit("huge", 1001, evicted));

        Assert.Empty(evicted);
        Assert.False(lru.Contains("huge"));
        Assert.True(lru.Contains("a"));
        Assert.Equal(600, lru.UsedBytes);
        Assert.True(lru.Admit("whole", 1000, evicted));
        Assert.Equal(["a"], evicted);
    }

    [Fact]
    public void Remove_frees_the_bytes_and_ignores_unknown_keys()
    {
        var lru = new LruPolicy(1000);
        var evicted = new List<string>();
        lru.Admit("a", 400, evicted);
        lru.Admit("b", 300, evicted);

        lru.Remove("a");
        lru.Remove("never-seen");
        lru.Touch("a");

        Assert.False(lru.Contains("a"));
        Assert.Equal(300, lru.UsedBytes);
        Assert.Equal(1, lru.Count);
        Assert.True(lru.Admit("c", 700, evicted));
        Assert.Empty(evicted);
    }

    [Fact]
    public void Admitting_a_held_key_again_replaces_its_size()
    {
        var lru = new LruPolicy(1000);
        var evicted = new List<string>();
        lru.Admit("a", 400, evicted);

        Assert.True(lru.Admit("a", 100, evicted));

        Assert.Empty(evicted);
        Assert.Equal(100, lru.UsedBytes);
        Assert.Equal(1, lru.Count);
    }

    [Fact]
    public void Byte_accounting_holds_under_a_random_workload()
    {
        PolicyInvariants.Check(new LruPolicy(50_000), seed: 1, steps: 20_000, keySpace: 400, minSize: 0, maxSize: 5_000);
    }

    [Fact]
    public void A_zero_capacity_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LruPolicy(0));
    }
}
