using System.Globalization;
using Marquee.Media.Ladder;
using Marquee.Media.Probing;

namespace Marquee.Media.Artwork;

/// <summary>
/// Chooses a representative poster frame: samples a few moments across the video, scores each tiny greyscale
/// copy by contrast (standard deviation of luma), and passes over frames that are nearly black or white, such as
/// fades and title cards. Seeking by input (-ss before -i) keeps each sample cheap.
/// </summary>
public sealed class PosterPicker(FfmpegOptions options, IEnumerable<string> allowedContainers)
{
    private static readonly double[] Fractions = [0.1, 0.25, 0.4, 0.55, 0.7];
    private const int SampleWidth = 64;
    private const int SampleHeight = 36;
    private static readonly PictureBox PosterBox = PictureBox.ForLines(720);
    private readonly string formatWhitelist = string.Join(',', allowedContainers);

    public async Task<TimeSpan> PickAsync(string sourcePath, SourceInfo source, string workFolder, CancellationToken cancellationToken)
    {
        var best = TimeSpan.Zero;
        var bestScore = double.MinValue;
        for (var i = 0; i < Fractions.Length; i++)
        {
            var at = TimeSpan.FromSeconds(source.Duration.TotalSeconds * Fractions[i]);
            var sample = Path.Combine(workFolder, $"poster-sample-{i}.gray");
            var result = await ToolProcess.RunAsync(options.FfmpegPath,
                [.. Seek(sourcePath, source, at), "-vf", $"scale={SampleWidth}:{SampleHeight},format=gray", "-f", "rawvideo", "file:" + sample],
                null, options.StallTimeout, cancellationToken);
            if (result.ExitCode != 0 || !File.Exists(sample))
            {
                continue;
            }

            var score = Score(await File.ReadAllBytesAsync(sample, cancellationToken));
            File.Delete(sample);
            if (score > bestScore)
            {
                bestScore = score;
                best = at;
            }
        }

        return best;
    }

    /// <summary>Writes the poster at <paramref name="at"/> as a JPEG the size of the largest rung within the 720p box.</summary>
    public async Task WriteAsync(string sourcePath, SourceInfo source, EncodingLadder ladder, TimeSpan at, string posterFile, CancellationToken cancellationToken)
    {
        var rung = PosterRung(ladder);
        var result = await ToolProcess.RunAsync(options.FfmpegPath,
            [.. Seek(sourcePath, source, at), "-vf", $"scale={rung.Width}:{rung.Height},setsar=1", "-q:v", "3", "-f", "image2", "file:" + posterFile],
            null, options.StallTimeout, cancellationToken);
        if (result.ExitCode != 0 || !File.Exists(posterFile))
        {
            throw new InvalidOperationException("The poster frame could not be written: " + result.StderrTail);
        }
    }

    /// <summary>
    /// The 720p box rather than 720 lines: a very wide film's rung of 720 lines can be thousands of pixels wide, and
    /// the box is what "720p" means for the ladder and for plans.
    /// </summary>
    internal static Rung PosterRung(EncodingLadder ladder) =>
        ladder.Rungs.LastOrDefault(r => PosterBox.Contains(r.Width, r.Height)) ?? ladder.Rungs[0];

    /// <summary>Contrast of a greyscale sample; nearly uniform dark or bright frames score low.</summary>
    internal static double Score(byte[] luma)
    {
        if (luma.Length == 0)
        {
            return double.MinValue;
        }

        double sum = 0;
        double squares = 0;
        foreach (var y in luma)
        {
            sum += y;
            squares += y * y;
        }

        var mean = sum / luma.Length;
        var deviation = Math.Sqrt(Math.Max(0, (squares / luma.Length) - (mean * mean)));
        return mean is < 24 or > 232 ? deviation / 10 : deviation;
    }

    private List<string> Seek(string sourcePath, SourceInfo source, TimeSpan at) =>
    [
        "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
        "-protocol_whitelist", "file", "-format_whitelist", formatWhitelist,
        "-ss", at.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        "-i", "file:" + Path.GetFullPath(sourcePath),
        "-map", "0:" + source.VideoStreamIndex.ToString(CultureInfo.InvariantCulture),
        "-frames:v", "1",
    ];
}
