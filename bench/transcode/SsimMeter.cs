using System.Globalization;
using System.Text.RegularExpressions;
using Marquee.Media.Ladder;

namespace Marquee.Bench.Transcode;

/// <summary>
/// SSIM of a decoded rung against the source scaled to the rung's size with the same scaler the ladder uses
/// (bicubic), so the figure measures the encoder's loss and not the scaling. Both sides restart their
/// timestamps at zero so that a container's start offset cannot misalign the frames.
/// </summary>
internal static partial class SsimMeter
{
    /// <param name="distortedInput">ffmpeg input options ending in <c>-i PATH</c> for the rung to judge.</param>
    public static async Task<SsimScore> MeasureAsync(
        string ffmpegPath, IReadOnlyList<string> distortedInput, string sourcePath, Rung rung, CancellationToken cancellationToken)
    {
        var size = $"{rung.Width.ToString(CultureInfo.InvariantCulture)}:{rung.Height.ToString(CultureInfo.InvariantCulture)}";
        var arguments = new List<string> { "-hide_banner", "-nostdin" };
        arguments.AddRange(distortedInput);
        arguments.AddRange(
        [
            "-i", sourcePath,
            "-lavfi", $"[0:v]setsar=1,setpts=PTS-STARTPTS[d];[1:v]scale={size}:flags=bicubic,setsar=1,setpts=PTS-STARTPTS[r];[d][r]ssim=shortest=1",
            "-f", "null", "-",
        ]);
        var run = await Ffmpeg.RunCheckedAsync(ffmpegPath, arguments, $"SSIM of {rung.Name}", cancellationToken);

        var all = AllValue().Matches(run.Stderr);
        if (all.Count == 0)
        {
            throw new InvalidOperationException($"The SSIM filter reported no 'All:' value for {rung.Name}.");
        }

        var frames = FrameCount().Matches(run.Stderr);
        return new SsimScore(
            double.Parse(all[^1].Groups["v"].Value, CultureInfo.InvariantCulture),
            frames.Count == 0 ? 0 : int.Parse(frames[^1].Groups["n"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"SSIM .*All:(?<v>[0-9]+(\.[0-9]+)?)")]
    private static partial Regex AllValue();

    [GeneratedRegex(@"frame=\s*(?<n>[0-9]+)")]
    private static partial Regex FrameCount();
}
