using Marquee.Edge.Caching.Eviction;

namespace Marquee.Edge.Tests.Caching.Eviction;

public sealed class FrequencySketchTests
{
    [Fact]
    public void The_doorkeeper_takes_the_first_request_and_the_counters_the_rest_up_to_fifteen()
    {
        var sketch = new FrequencySketch(1_024);
        var hash = FrequencySketch.Hash("media/1/v1/seg-0-00001.m4s");

        Assert.Equal(0, sketch.Frequency(hash));
        sketch.Increment(hash);
        Assert.Equal(1, sketch.Frequency(hash));
        for (var i = 0; i < 5; i++)
        {
            sketch.Increment(hash);
        }

        Assert.Equal(6, sketch.Frequency(hash));
        for (var i = 0; i < 100; i++)
        {
            sketch.Increment(hash);
        }

        Assert.Equal(16, sketch.Frequency(hash));
    }

    [Fact]
    public void Keys_counted_apart_stay_apart()
    {
        var sketch = new FrequencySketch(4_096);
        for (var key = 0; key < 500; key++)
        {
            for (var n = 0; n <= key % 4; n++)
            {
                sketch.Increment(FrequencySketch.Hash("k" + key));
            }
        }

        // Count-min only over-estimates; with 500 keys in a sketch for 4,096 nearly every estimate is exact.
        var exact = Enumerable.Range(0, 500).Count(key => sketch.Frequency(FrequencySketch.Hash("k" + key)) == (key % 4) + 1);
        Assert.True(exact >= 490, $"{exact} of 500 estimates exact");
        Assert.All(Enumerable.Range(0, 500), key => Assert.True(sketch.Frequency(FrequencySketch.Hash("k" + key)) >= (key % 4) + 1));
    }

    [Fact]
    public void Counts_age_by_half_after_ten_additions_per_counter_row_slot()
    {
        var sketch = new FrequencySketch(64);
        var hot = FrequencySketch.Hash("hot");
        for (var i = 0; i < 9; i++)
        {
            sketch.Increment(hot);
        }

        Assert.Equal(9, sketch.Frequency(hot));

        // 10 × 64 additions in all trigger the reset: counters halve (8 → 4) and the doorkeeper is cleared.
        for (var i = 0; sketch.Frequency(hot) == 9; i++)
        {
            Assert.True(i < 10 * 64, "the sketch never aged");
            sketch.Increment(FrequencySketch.Hash("other" + i));
        }

        Assert.Equal(4, sketch.Frequency(hot));
    }

    [Fact]
    public void Seeding_carries_an_estimate_into_a_new_sketch_without_counting_as_an_addition()
    {
        var sketch = new FrequencySketch(64);
        var hash = FrequencySketch.Hash("carried");

        sketch.Seed(hash, 7);
        sketch.Seed(FrequencySketch.Hash("none"), 0);

        Assert.Equal(7, sketch.Frequency(hash));
        Assert.Equal(0, sketch.Frequency(FrequencySketch.Hash("none")));
        sketch.Increment(hash);
        Assert.Equal(8, sketch.Frequency(hash));
    }

    [Fact]
    public void The_hash_is_stable_across_processes()
    {
        // Fixed, unlike string.GetHashCode: a replay must give the same figures every run.
        // FNV-1a 64 over the UTF-16 code units, then MurmurHash3's fmix64; values computed independently.
        Assert.Equal(0xEFD0_1F60_BA99_2926UL, FrequencySketch.Hash(""));
        Assert.Equal(0xCB90_F53F_F7A6_AD30UL, FrequencySketch.Hash("media/abc/v1/master.m3u8"));
    }
}
