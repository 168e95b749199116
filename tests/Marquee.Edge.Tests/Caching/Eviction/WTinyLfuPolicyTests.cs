using Marquee.Edge.Caching.Eviction;

namespace Marquee.Edge.Tests.Caching.Eviction;

public sealed class WTinyLfuPolicyTests
{
    private readonly List<string> _evicted = [];

    [Fact]
    public void Splits_the_capacity_and_admits_nothing_larger_than_a_tenth()
    {
        var tiny = new WTinyLfuPolicy(100_000);

        Assert.Equal(1_000, tiny.WindowTargetBytes);
        Assert.Equal(99_000, tiny.MainTargetBytes);
        Assert.Equal(79_200, tiny.ProtectedTargetBytes);
        Assert.False(tiny.Admit("big", 10_001, _evicted));
        Assert.False(tiny.Contains("big"));
        Assert.Equal(0, tiny.UsedBytes);
        Assert.True(tiny.Admit("fits", 10_000, _evicted));
        Assert.True(tiny.IsInWindow("fits"));
    }

    [Fact]
    public void A_hit_in_probation_promotes_to_protected()
    {
        var tiny = new WTinyLfuPolicy(100_000);
        tiny.Admit("a", 1_000, _evicted);
        tiny.Admit("b", 1_000, _evicted); // pushes "a" out of the window into a main with room
        Assert.False(tiny.IsInWindow("a"));
        Assert.False(tiny.IsProtected("a"));

        tiny.Touch("a");

        Assert.True(tiny.IsProtected("a"));
        Assert.Empty(_evicted);
    }

    [Fact]
    public void A_key_requested_often_gets_in_while_new_keys_requested_once_do_not()
    {
        var tiny = new WTinyLfuPolicy(1_000);
        for (var i = 0; i < 10; i++)
        {
            tiny.Admit("cold" + i, 100, _evicted);
        }

        for (var i = 0; i < 4; i++)
        {
            Request(tiny, "popular");
        }

        for (var i = 0; i < 20; i++)
        {
            Request(tiny, "once" + i);
        }

        Assert.True(tiny.Contains("popular"));
        Assert.True(tiny.EstimatedFrequency("popular") >= 4);
        // Only the newest single-request key is held (in the window); the others lost to incumbents as frequent.
        Assert.Equal(1, Enumerable.Range(0, 20).Count(i => tiny.Contains("once" + i)));
        Assert.True(tiny.UsedBytes <= 1_000);
    }

    [Fact]
    public void A_one_pass_scan_does_not_flush_a_working_set()
    {
        var tiny = new WTinyLfuPolicy(1_000_000);
        for (var i = 0; i < 40; i++)
        {
            tiny.Admit("hot" + i, 10_000, _evicted);
            tiny.Touch("hot" + i);
            tiny.Touch("hot" + i);
        }

        for (var i = 0; i < 500; i++)
        {
            tiny.Admit("scan" + i, 10_000, _evicted);
        }

        Assert.Equal(40, Enumerable.Range(0, 40).Count(i => tiny.Contains("hot" + i)));
    }

    [Fact]
    public void Remove_frees_the_bytes()
    {
        var tiny = new WTinyLfuPolicy(100_000);
        tiny.Admit("a", 1_000, _evicted);
        tiny.Admit("b", 2_000, _evicted);

        tiny.Remove("a");
        tiny.Remove("never-seen");

        Assert.False(tiny.Contains("a"));
        Assert.Equal(2_000, tiny.UsedBytes);
        Assert.Equal(1, tiny.Count);
    }

    [Fact]
    public void Byte_accounting_holds_under_a_random_workload()
    {
        PolicyInvariants.Check(new WTinyLfuPolicy(50_000), seed: 4, steps: 30_000, keySpace: 400, minSize: 0, maxSize: 6_000);
    }

    [Fact]
    public void Byte_accounting_holds_when_objects_outgrow_the_window()
    {
        // A 1,000-byte window and objects up to 5,000: the newest object alone overflows it.
        PolicyInvariants.Check(new WTinyLfuPolicy(100_000), seed: 5, steps: 30_000, keySpace: 200, minSize: 500, maxSize: 5_000);
    }

    private void Request(WTinyLfuPolicy tiny, string key)
    {
        if (tiny.Contains(key))
        {
            tiny.Touch(key);
        }
        else
        {
            tiny.Admit(key, 100, _evicted);
        }
    }
}
