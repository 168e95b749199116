using Marquee.Edge.Caching.Eviction;

namespace Marquee.Edge.Tests.Caching.Eviction;

public sealed class S3FifoPolicyTests
{
    private readonly List<string> _evicted = [];

    [Fact]
    public void Splits_the_capacity_ten_ninety_and_admits_nothing_larger_than_probation()
    {
        var s3 = new S3FifoPolicy(1000);

        Assert.Equal(100, s3.SmallTargetBytes);
        Assert.Equal(900, s3.MainTargetBytes);
        Assert.False(s3.Admit("big", 101, _evicted));
        Assert.False(s3.Contains("big"));
        Assert.Equal(0, s3.UsedBytes);
        Assert.True(s3.Admit("fits", 100, _evicted));
        Assert.Equal(100, s3.UsedBytes);
    }

    [Fact]
    public void A_refused_object_changes_nothing()
    {
        var s3 = new S3FifoPolicy(1000);
        Fill(s3, "a", 10);

        Assert.False(s3.Admit("big", 500, _evicted));

        Assert.Empty(_evicted);
        Assert.Equal(1000, s3.UsedBytes);
        Assert.Equal(10, s3.Count);
    }

    [Fact]
    public void An_object_never_hit_on_probation_is_evicted_first_and_remembered_in_the_ghost()
    {
        var s3 = new S3FifoPolicy(1000);
        Fill(s3, "a", 10);

        s3.Admit("new", 100, _evicted);

        Assert.Equal(["a0"], _evicted);
        Assert.False(s3.Contains("a0"));
        Assert.True(s3.IsGhost("a0"));
        Assert.Equal(1000, s3.UsedBytes);
    }

    [Fact]
    public void A_key_found_in_the_ghost_is_admitted_straight_to_main()
    {
        var s3 = new S3FifoPolicy(1000);
        Fill(s3, "a", 10);
        s3.Admit("new", 100, _evicted);
        Assert.True(s3.IsGhost("a0"));

        _evicted.Clear();
        Assert.True(s3.Admit("a0", 100, _evicted));

        Assert.True(s3.Contains("a0"));
        Assert.True(s3.IsInMain("a0"));
        Assert.False(s3.IsGhost("a0"));
        Assert.Equal(["a1"], _evicted);
    }

    [Fact]
    public void An_object_hit_on_probation_moves_to_main_instead_of_leaving()
    {
        var s3 = new S3FifoPolicy(1000);
        Fill(s3, "a", 10);
        s3.Touch("a0");

        s3.Admit("new", 100, _evicted);

        Assert.Equal(["a1"], _evicted);
        Assert.True(s3.IsInMain("a0"));
    }

    [Fact]
    public void A_touch_on_a_ghost_is_not_a_hit()
    {
        var s3 = new S3FifoPolicy(1000);
        Fill(s3, "a", 10);
        s3.Admit("new", 100, _evicted);

        s3.Touch("a0");

        Assert.False(s3.Contains("a0"));
        Assert.Equal(10, s3.Count);
    }

    [Fact]
    public void Remove_forgets_resident_and_ghost_keys()
    {
        var s3 = new S3FifoPolicy(1000);
        Fill(s3, "a", 10);
        s3.Admit("new", 100, _evicted);

        s3.Remove("a0");
        s3.Remove("a5");
        s3.Remove("never-seen");

        Assert.False(s3.IsGhost("a0"));
        Assert.False(s3.Contains("a5"));
        Assert.Equal(900, s3.UsedBytes);
        Assert.Equal(9, s3.Count);
        // Forgotten, so no longer proven: back on probation.
        s3.Admit("a0", 100, _evicted);
        Assert.False(s3.IsInMain("a0"));
    }

    [Fact]
    public void A_one_pass_scan_does_not_flush_a_working_set_that_it_flushes_from_lru()
    {
        const long capacity = 1_000_000;
        const long size = 10_000;
        var s3 = new S3FifoPolicy(capacity);
        var lru = new LruPolicy(capacity);
        foreach (var policy in new IEvictionPolicy[] { s3, lru })
        {
            // 40% of the cache, each requested a few times.
            for (var i = 0; i < 40; i++)
            {
                policy.Admit("hot" + i, size, _evicted);
                policy.Touch("hot" + i);
                policy.Touch("hot" + i);
            }

            // Then five times the capacity of new keys, each requested once.
            for (var i = 0; i < 500; i++)
            {
                policy.Admit("scan" + i, size, _evicted);
            }
        }

        var keptByS3 = Enumerable.Range(0, 40).Count(i => s3.Contains("hot" + i));
        var keptByLru = Enumerable.Range(0, 40).Count(i => lru.Contains("hot" + i));
        Assert.Equal(40, keptByS3);
        Assert.Equal(0, keptByLru);
    }

    [Fact]
    public void Hits_in_main_buy_reinsertions_up_to_three()
    {
        var once = SurvivalInMainAfterHits(1);
        var thrice = SurvivalInMainAfterHits(3);
        var tenTimes = SurvivalInMainAfterHits(10);
        var never = SurvivalInMainAfterHits(0);

        Assert.True(never < once, $"no hits survived {never} admissions, one hit {once}");
        Assert.True(once < thrice, $"one hit survived {once} admissions, three hits {thrice}");
        // The counter saturates: an object hit ten times is evicted as soon as one hit three times.
        Assert.Equal(thrice, tenTimes);
    }

    [Fact]
    public void Byte_accounting_holds_under_a_random_workload()
    {
        // Sizes up to 6,000 against a 5,000-byte probation queue: some admissions are refused.
        PolicyInvariants.Check(new S3FifoPolicy(50_000), seed: 2, steps: 30_000, keySpace: 400, minSize: 0, maxSize: 6_000);
    }

    [Fact]
    public void Byte_accounting_holds_with_many_ghost_hits()
    {
        // A key space about twice the cache: evicted keys come back while the ghost still remembers them.
        PolicyInvariants.Check(new S3FifoPolicy(20_000), seed: 3, steps: 30_000, keySpace: 60, minSize: 100, maxSize: 1_000);
    }

    /// <summary>How many further admissions, each of a key hit once on probation, an object survives in main.</summary>
    private static int SurvivalInMainAfterHits(int hits)
    {
        var s3 = new S3FifoPolicy(1000);
        var evicted = new List<string>();
        var next = 0;
        string AdmitNew()
        {
            var key = "n" + next++;
            s3.Admit(key, 100, evicted);
            return key;
        }

        // Fill probation with keys never hit, so "hot" reaches main alone rather than in a crowd that overflows it.
        for (var i = 0; i < 20; i++)
        {
            AdmitNew();
        }

        s3.Admit("hot", 100, evicted);
        s3.Touch("hot");
        for (var i = 0; !s3.IsInMain("hot"); i++)
        {
            Assert.True(i < 100, "the object hit on probation never reached main");
            AdmitNew();
        }

        for (var i = 0; i < hits; i++)
        {
            s3.Touch("hot");
        }

        // Now keys hit on probation stream into main and force it to evict.
        var survived = 0;
        while (s3.Contains("hot"))
        {
            Assert.True(survived < 10_000, "the object in main was never evicted");
            s3.Touch(AdmitNew());
            survived++;
        }

        return survived;
    }

    private void Fill(S3FifoPolicy s3, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(s3.Admit(prefix + i, 100, _evicted));
        }

        Assert.Empty(_evicted);
    }
}
