using System.Diagnostics;
using Marquee.Media;
using Marquee.Media.Analysis;
using Marquee.Media.Ladder;
using Marquee.Media.Probing;
using Marquee.Media.Transcoding;

namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>
/// The two ways one source is encoded, with the production code: the fixed ladder (<see cref="LadderPlanner"/>) and
/// the per-title ladder (<see cref="ComplexityProbe"/>, then <see cref="PerTitleBitrates"/>), each written by
/// <see cref="TranscodeArguments.ForLadder"/> as the pipeline writes it, each into an empty folder of its own.
/// </summary>
internal sealed class PerTitleContenders(FfmpegOptions options, IEnumerable<string> allowedContainers, string sourcePath, SourceInfo source, string folder)
{
    public string FixedFolder { get; } = Path.Combine(folder, "fixed");

    public string PerTitleFolder { get; } = Path.Combine(folder, "per-title");

    public EncodingLadder FixedLadder { get; } = LadderPlanner.Plan(source);

    public async Task<Timed> EncodeFixedAsync(CancellationToken cancellationToken) =>
        await EncodeAsync(FixedLadder, FixedFolder, "fixed ladder", cancellationToken);

    /// <summary>The analysis pass, timed on its own: its complexity and wall/CPU time.</summary>
    public async Task<(TitleComplexity Complexity, Timed Time)> AnalyseAsync(CancellationToken cancellationToken)
    {
        var work = Path.Combine(folder, "analysis");
        Directory.CreateDirectory(work);
        var cpu = ChildCpu.Seconds();
        var clock = Stopwatch.StartNew();
        var complexity = await new ComplexityProbe(options, allowedContainers).MeasureAsync(sourcePath, source, work, null, cancellationToken);
        return (complexity, new Timed(clock.Elapsed, ChildCpu.Seconds() - cpu, [clock.Elapsed]));
    }

    public async Task<Timed> EncodePerTitleAsync(EncodingLadder ladder, CancellationToken cancellationToken) =>
        await EncodeAsync(ladder, PerTitleFolder, "per-title ladder", cancellationToken);

    private async Task<Timed> EncodeAsync(EncodingLadder ladder, string output, string what, CancellationToken cancellationToken)
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(output);
        var args = new TranscodeArguments(options, allowedContainers).ForLadder(sourcePath, source, ladder, output);
        var cpu = ChildCpu.Seconds();
        var clock = Stopwatch.StartNew();
        var run = await Ffmpeg.RunCheckedAsync(options.FfmpegPath, args, $"{what} of {Path.GetFileName(sourcePath)}", cancellationToken);
        return new Timed(clock.Elapsed, ChildCpu.Seconds() - cpu, [run.Elapsed]);
    }
}
