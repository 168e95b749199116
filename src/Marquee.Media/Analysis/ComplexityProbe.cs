using System.Diagnostics;
using System.Globalization;
using Marquee.Media.Ladder;
using Marquee.Media.Probing;
using Marquee.Media.Transcoding;

namespace Marquee.Media.Analysis;

/// <summary>
/// The analysis pass of per-title encoding: a few scenes of the title (<see cref="AnalysisSamples"/>) encoded at a
/// fixed quality, small (within the 360p box) and fast, in one ffmpeg process. How many bits that took is the
/// title's complexity: a cartoon's flat colour needs few, film grain and fast motion many. It costs a few percent
/// of the ladder's encode, because it encodes a tenth of the title at a ninth of the 1080p area.
/// </summary>
public sealed class ComplexityProbe(FfmpegOptions options, IEnumerable<string> allowedContainers)
{
    /// <summary>Small enough to be cheap, large enough that detail and grain still cost bits.</summary>
    internal static readonly PictureBox ProbeBox = new(640, 360);

    private const string OutputName = "analysis.h264";

    /// <param name="progress">The pass's own progress, 0–100 % of the sampled scenes.</param>
    /// <exception cref="AnalysisFailedException">ffmpeg failed or encoded nothing.</exception>
    public async Task<TitleComplexity> MeasureAsync(
        string sourcePath, SourceInfo source, string workFolder, IProgress<EncodeProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var frameRate = FrameRate.ForSource(source.FrameRate);
        var samples = AnalysisSamples.For(source.Duration, options.SegmentSeconds);
        var (width, height) = ProbeSize(source);
        var output = Path.Combine(workFolder, OutputName);
        var arguments = new TranscodeArguments(options, allowedContainers)
            .ForComplexityProbe(sourcePath, source, frameRate, samples, width, height, output);

        var parser = new ProgressParser(TimeSpan.FromTicks(samples.Sum(s => s.Length.Ticks)));
        long frames = 0;
        try
        {
            var result = await ToolProcess.RunAsync(options.FfmpegPath, arguments, line =>
            {
                if (line.StartsWith("frame=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan("frame=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                {
                    frames = n;
                }

                if (parser.Feed(line) is { } p)
                {
                    progress?.Report(p);
                }
            }, options.StallTimeout, cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new AnalysisFailedException("ffmpeg failed: " + LastLine(result.StderrTail));
            }

            var bytes = File.Exists(output) ? new FileInfo(output).Length : 0;
            if (frames <= 0 || bytes <= 0)
            {
                throw new AnalysisFailedException("the sampled scenes held no frames");
            }

            var seconds = frames / frameRate.Value;
            var measured = bytes * 8 / seconds / 1000;
            return new TitleComplexity(Normalize(measured, width, height, frameRate), measured, width, height, samples.Count, seconds, clock.Elapsed);
        }
        finally
        {
            // File.Exists is false for a folder in the way, whose failure is the one to report.
            if (File.Exists(output))
            {
                File.Delete(output);
            }
        }
    }

    /// <summary>The source's display shape fitted within the 360p box, or its own size when it is smaller.</summary>
    internal static (int Width, int Height) ProbeSize(SourceInfo source)
    {
        var width = LadderPlanner.Even(source.DisplayWidth);
        var height = LadderPlanner.Even(source.DisplayHeight);
        return ProbeBox.Contains(width, height) ? (width, height) : LadderPlanner.Fit(ProbeBox, width, height);
    }

    /// <summary>
    /// Restates the probe's bitrate for a full 640×360 picture at 30 fps: by area, and by the same frame-rate factor the
    /// ladder's bitrates use, so that scaling the ladder by it does not count frame rate twice.
    /// </summary>
    internal static double Normalize(double kbps, int width, int height, FrameRate frameRate) =>
        kbps * (ProbeBox.LongSide * (double)ProbeBox.ShortSide / (width * (double)height)) / LadderPlanner.FrameRateFactor(frameRate.Value);

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no details";
}
