using Marquee.Edge.Caching.Eviction;

namespace Marquee.Edge.Tests.Caching.Eviction;

public sealed class EvictionPoliciesTests
{
    [Theory]
    [InlineData("s3fifo", typeof(S3FifoPolicy))]
    [InlineData("wtinylfu", typeof(WTinyLfuPolicy))]
    [InlineData("lru", typeof(LruPolicy))]
    [InlineData(" LRU ", typeof(LruPolicy))]
    public void Creates_the_named_policy_with_the_capacity(string name, Type expected)
    {
        var policy = EvictionPolicies.Create(name, 123_456);

        Assert.IsType(expected, policy);
        Assert.Equal(123_456, policy.CapacityBytes);
        Assert.Equal(0, policy.UsedBytes);
    }

    [Fact]
    public void The_default_is_one_it_can_create()
    {
        Assert.Contains(EvictionPolicies.Default, EvictionPolicies.Names);
        Assert.NotNull(EvictionPolicies.Create(EvictionPolicies.Default, 1_000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("arc")]
    [InlineData("s3-fifo")]
    public void An_unknown_name_is_refused_with_the_names_it_knows(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => EvictionPolicies.Create(name, 1_000));

        Assert.Equal("name", error.ParamName);
        Assert.Contains($"'{name}'", error.Message);
        foreach (var known in EvictionPolicies.Names)
        {
            Assert.Contains(known, error.Message);
        }
    }

    [Fact]
    public void A_missing_name_or_an_empty_capacity_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => EvictionPolicies.Create(null!, 1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvictionPolicies.Create("lru", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvictionPolicies.Create("s3fifo", -1));
    }
}
