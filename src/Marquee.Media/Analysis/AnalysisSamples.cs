namespace Marquee.Media.Analysis;

/// <summary>
/// Where the analysis pass looks: scenes one segment long (so each holds exactly one GOP, as in the ladder, and
/// keyframes weigh in the estimate as they will in the encode), spread evenly over the title, about a tenth of its
/// length in all: at least one scene and at most twelve. A short title is sampled whole.
/// </summary>
public static class AnalysisSamples
{
    /// <summary>The share of the title sampled; with a 360p encode, this keeps the pass near 5 % of the ladder's time.</summary>
    internal const double Share = 0.1;

    /// <summary>48 s at 4 s segments: enough scenes to see a film's range, and a ceiling on the pass's cost.</summary>
    internal const int MaxSamples = 12;

    public static IReadOnlyList<SampleWindow> For(TimeSpan duration, int segmentSeconds)
    {
        var length = TimeSpan.FromSeconds(Math.Max(1, segmentSeconds));
        if (duration <= length * 2)
        {
            return [new SampleWindow(TimeSpan.Zero, duration)];
        }

        var count = Math.Clamp((int)Math.Floor(duration.TotalSeconds * Share / length.TotalSeconds), 1, MaxSamples);
        var samples = new SampleWindow[count];
        for (var k = 0; k < count; k++)
        {
            // The middle of each of `count` equal parts of the title: never its very first or last seconds (logos,
            // black, credits) unless the title is short.
            var middle = duration * ((k + 0.5) / count);
            var start = Clamp(middle - (length / 2), TimeSpan.Zero, duration - length);
            samples[k] = new SampleWindow(TimeSpan.FromMilliseconds(Math.Round(start.TotalMilliseconds)), length);
        }

        return samples;
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
