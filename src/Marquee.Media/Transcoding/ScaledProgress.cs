namespace Marquee.Media.Transcoding;

/// <summary>
/// Reports one step's progress (0–100 %) as its part of the whole job, <paramref name="from"/> to
/// <paramref name="to"/> percent, on the reporting thread: the analysis pass and the ladder encode share one bar.
/// </summary>
internal sealed class ScaledProgress(IProgress<EncodeProgress> whole, double from, double to) : IProgress<EncodeProgress>
{
    public void Report(EncodeProgress value) =>
        whole.Report(value with { Percent = Math.Round(from + (value.Percent / 100 * (to - from)), 1) });
}
