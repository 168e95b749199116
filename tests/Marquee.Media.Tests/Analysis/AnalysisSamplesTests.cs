using Marquee.Media.Analysis;

namespace Marquee.Media.Tests.Analysis;

public sealed class AnalysisSamplesTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void A_title_of_two_segments_or_less_is_sampled_whole(double seconds)
    {
        var samples = AnalysisSamples.For(TimeSpan.FromSeconds(seconds), 4);

        Assert.Equal([new SampleWindow(TimeSpan.Zero, TimeSpan.FromSeconds(seconds))], samples);
    }

    [Theory]
    [InlineData(9, 1)]
    [InlineData(30, 1)]
    [InlineData(120, 3)]
    [InlineData(600, 12)]
    [InlineData(7200, 12)]
    public void About_a_tenth_of_the_title_is_sampled_in_scenes_of_one_segment_spread_over_it(double seconds, int expected)
    {
        var duration = TimeSpan.FromSeconds(seconds);

        var samples = AnalysisSamples.For(duration, 4);

        Assert.Equal(expected, samples.Count);
        Assert.All(samples, s =>
        {
            Assert.Equal(TimeSpan.FromSeconds(4), s.Length);
            Assert.InRange(s.Start, TimeSpan.Zero, duration - s.Length);
        });
        Assert.True(samples.Sum(s => s.Length.TotalSeconds) <= Math.Max(4, seconds * 0.1), "more than a tenth sampled");
        for (var i = 1; i < samples.Count; i++)
        {
            Assert.True(samples[i].Start >= samples[i - 1].Start + samples[i - 1].Length, "scenes overlap or go backwards");
        }

        // Spread: one scene in each equal part of the title.
        for (var i = 0; i < samples.Count; i++)
        {
            var middle = (samples[i].Start + (samples[i].Length / 2)).TotalSeconds;
            Assert.InRange(middle, seconds * i / samples.Count, seconds * (i + 1) / samples.Count);
        }
    }
}
