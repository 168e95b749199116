using System.Globalization;
using Marquee.Media;
using Marquee.Media.Analysis;
using Marquee.Media.Ladder;
using Marquee.Media.Probing;
using Microsoft.Extensions.Options;

namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>
/// Per-title bitrates against the fixed ladder, side by side in one run, on generated sources of different
/// complexity: each source encoded with both ladders (production arguments), the analysis pass timed against the
/// per-title encode, then SSIM and PSNR of every rung of both against the source scaled to the rung.
/// </summary>
internal static class PerTitleComparison
{
    /// <summary>The issue's targets: at least 20 % fewer bits, no rung more than 0.005 SSIM worse, analysis under 15 %.</summary>
    private const double BitsTarget = 0.8;
    private const double SsimTolerance = 0.005;
    private const double ShareTarget = 0.15;

    public static async Task<bool> RunAsync(BenchArguments parsed, CancellationToken ct)
    {
        var ffmpeg = new FfmpegOptions();
        var limits = new InputLimits();
        var set = parsed.Holdout ? BenchSource.Holdout : BenchSource.All;
        var folder = Path.Combine(parsed.OutFolder, parsed.Holdout ? "per-title-holdout" : "per-title");
        Console.WriteLine(Invariant($"== per-title bitrates vs the fixed ladder ({set.Count} generated 1080p30 sources{(parsed.Holdout ? " the mapping was not fitted to" : "")}, {parsed.SourceSeconds} s each)"));
        var version = await Ffmpeg.VersionAsync(ffmpeg.FfmpegPath, ct);
        var sources = await PrepareAsync(set, ffmpeg, limits, parsed.OutFolder, parsed.SourceSeconds, ct);
        Console.WriteLine($"x264:    preset {ffmpeg.Preset} for the ladders; ffmpeg {version}");
        var loadBefore = Machine.LoadAverage();
        Console.WriteLine(Invariant($"machine: {Environment.ProcessorCount} cores, load average {loadBefore} (before)"));

        var timings = new List<PerTitleTiming>();
        var complexities = new Dictionary<string, TitleComplexity>();
        var perTitleLadders = new Dictionary<string, EncodingLadder>();
        var contenders = sources.ToDictionary(
            s => s.Spec.Name,
            s => new PerTitleContenders(ffmpeg, limits.AllowedContainers, s.Path, s.Info, Path.Combine(folder, s.Spec.Name)));
        for (var run = 1; run <= parsed.Runs; run++)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                var (spec, path, _) = sources[i];
                var side = contenders[spec.Name];
                await SourceClip.WarmPageCacheAsync(path, ct);

                // Alternate which side goes first, by source and by run, so neither always finds the machine warmer.
                var perTitleFirst = (run + i) % 2 == 0;
                Timed fixedTime = default!;
                if (!perTitleFirst)
                {
                    fixedTime = await side.EncodeFixedAsync(ct);
                }

                var (complexity, analysis) = await side.AnalyseAsync(ct);
                var ladder = PerTitleBitrates.Apply(side.FixedLadder, PerTitleBitrates.Scale(complexity));
                var perTitleTime = await side.EncodePerTitleAsync(ladder, ct);
                if (perTitleFirst)
                {
                    fixedTime = await side.EncodeFixedAsync(ct);
                }

                complexities[spec.Name] = complexity;
                perTitleLadders[spec.Name] = ladder;
                var timing = new PerTitleTiming(run, spec.Name, perTitleFirst ? "per-title" : "fixed",
                    Stats.Round(analysis.Wall.TotalSeconds), Round(analysis.CpuSeconds),
                    Stats.Round(perTitleTime.Wall.TotalSeconds), Round(perTitleTime.CpuSeconds),
                    Stats.Round(fixedTime.Wall.TotalSeconds), Round(fixedTime.CpuSeconds),
                    Math.Round(analysis.Wall / perTitleTime.Wall, 4),
                    analysis.CpuSeconds / perTitleTime.CpuSeconds is { } c ? Math.Round(c, 4) : null);
                timings.Add(timing);
                Console.WriteLine(Invariant(
                    $"run {run} {spec.Name,-13} ({timing.First} first): complexity {complexity.Kbps,6:0} kbps, x{PerTitleBitrates.Scale(complexity):0.00}; analysis {timing.AnalysisSeconds:0.00} s, per-title encode {timing.PerTitleEncodeSeconds:0.00} s (share {timing.Share:0.000}; CPU {timing.CpuShare:0.000}), fixed encode {timing.FixedEncodeSeconds:0.00} s"));
            }
        }

        var loadAfter = Machine.LoadAverage();
        Console.WriteLine("measuring SSIM and PSNR of every rung of both ladders (outputs of the last run) ...");
        var outcomes = new List<SourceOutcome>();
        foreach (var (spec, path, info) in sources)
        {
            var side = contenders[spec.Name];
            var measured = await LadderQuality.MeasureAsync(ffmpeg.FfmpegPath, path, info.Duration,
                [new EncodedLadder(side.FixedLadder, side.FixedFolder), new EncodedLadder(perTitleLadders[spec.Name], side.PerTitleFolder)], ct);
            var mine = timings.Where(t => t.Source == spec.Name).ToList();
            var (fixedKbps, perTitleKbps) = (measured[0].Sum(r => r.Kbps), measured[1].Sum(r => r.Kbps));
            outcomes.Add(new SourceOutcome(spec.Name, spec.Stands, Math.Round(complexities[spec.Name].Kbps, 1), Math.Round(PerTitleBitrates.Scale(complexities[spec.Name]), 4),
                measured[0], measured[1], Math.Round(fixedKbps, 1), Math.Round(perTitleKbps, 1), Math.Round(perTitleKbps / fixedKbps, 4),
                Stats.Median(mine.Select(t => t.Share)),
                mine.All(t => t.CpuShare is not null) ? Stats.Median(mine.Select(t => t.CpuShare!.Value)) : null,
                measured[0].Zip(measured[1]).All(p => p.Second.Ssim >= p.First.Ssim - SsimTolerance)));
        }

        var result = Summarize(outcomes, timings, version, loadBefore, loadAfter, ffmpeg.Preset, parsed.SourceSeconds);
        Console.WriteLine($"machine: load average {loadAfter} (after)");
        PerTitleReport.Print(result, Console.Out);
        var jsonPath = Path.Combine(parsed.OutFolder, parsed.Holdout ? "per-title-holdout.json" : "per-title.json");
        await PerTitleReport.WriteJsonAsync(result, jsonPath, ct);
        Console.WriteLine($"results: {jsonPath}");
        return result.Pass;
    }

    private static async Task<List<(BenchSource Spec, string Path, SourceInfo Info)>> PrepareAsync(
        IReadOnlyList<BenchSource> set, FfmpegOptions ffmpeg, InputLimits limits, string outFolder, int seconds, CancellationToken ct)
    {
        var sourcesFolder = Path.Combine(outFolder, "sources");
        Directory.CreateDirectory(sourcesFolder);
        var inspector = new InputInspector(
            new MediaProbe(Options.Create(ffmpeg), Options.Create(limits)), new InputValidator(Options.Create(limits)), Options.Create(limits));
        var sources = new List<(BenchSource, string, SourceInfo)>();
        foreach (var spec in set)
        {
            var path = Path.Combine(sourcesFolder, spec.FileName(seconds));
            if (await spec.EnsureAsync(ffmpeg.FfmpegPath, path, seconds, ct))
            {
                Console.WriteLine($"generated {path}");
            }

            var info = await inspector.InspectAsync(path, ct);
            sources.Add((spec, path, info));
            Console.WriteLine(Invariant($"source:  {spec.Name,-13} {info.DisplayWidth}x{info.DisplayHeight} @ {info.FrameRate:0.###} fps, {info.Duration.TotalSeconds:0.0} s, {new FileInfo(path).Length * 8 / info.Duration.TotalSeconds / 1e6:0.0} Mbit/s at CRF 16: {spec.Stands}"));
        }

        return sources;
    }

    private static PerTitleResult Summarize(
        List<SourceOutcome> outcomes, List<PerTitleTiming> timings, string version, string loadBefore, string loadAfter, string preset, int seconds)
    {
        var rungCount = outcomes.Min(o => o.Fixed.Count);
        var rungs = Enumerable.Range(0, rungCount).Select(r => new RungMeans(
            outcomes[0].Fixed[r].Name,
            Math.Round(outcomes.Average(o => o.Fixed[r].Ssim), 6),
            Math.Round(outcomes.Average(o => o.PerTitle[r].Ssim), 6),
            Math.Round(outcomes.Average(o => o.Fixed[r].Psnr), 3),
            Math.Round(outcomes.Average(o => o.PerTitle[r].Psnr), 3),
            Math.Round(outcomes.Max(o => o.Fixed[r].Ssim - o.PerTitle[r].Ssim), 6))).ToList();
        var fixedKbps = outcomes.Sum(o => o.FixedKbps);
        var perTitleKbps = outcomes.Sum(o => o.PerTitleKbps);
        var ratio = Math.Round(perTitleKbps / fixedKbps, 4);
        var medianShare = Stats.Median(timings.Select(t => t.Share));
        var worstShare = outcomes.Max(o => o.MedianShare);
        var bitsPass = ratio <= BitsTarget;
        var meanPass = rungs.All(r => r.SsimPerTitle >= r.SsimFixed);
        var tolerancePass = outcomes.All(o => o.WithinTolerance);
        var analysisPass = worstShare < ShareTarget;
        string[] notes =
        [
            "bits are what the segments hold (init segments included), summed over every rung of every source; every source has the same length, so kbps add up",
            "mean SSIM per rung is the average over the sources of each rung's SSIM (the ssim filter's All, over every frame); it must be equal or better with per-title bitrates, and no source's rung may lose more than the tolerance",
            "the analysis share is the analysis pass's wall time over the per-title ladder's encode, per source (median over runs); judged on the worst source. CPU shares are shown, not judged: other load on the machine disturbs them less",
            SamplingNote(seconds),
        ];
        return new PerTitleResult(DateTimeOffset.UtcNow, version, Environment.ProcessorCount, loadBefore, loadAfter, preset, seconds,
            outcomes, rungs, timings, Math.Round(fixedKbps, 1), Math.Round(perTitleKbps, 1), ratio, BitsTarget, SsimTolerance,
            medianShare, worstShare, ShareTarget, bitsPass, meanPass, tolerancePass, analysisPass,
            bitsPass && meanPass && tolerancePass && analysisPass, notes);
    }

    private static string SamplingNote(int seconds)
    {
        var samples = AnalysisSamples.For(TimeSpan.FromSeconds(seconds), new FfmpegOptions().SegmentSeconds);
        var sampled = samples.Sum(s => s.Length.TotalSeconds);
        return Invariant($"on these {seconds} s sources the pass encodes {samples.Count} scene(s), {sampled:0.#} s ({sampled / seconds:0%} of the title); on a title of a few minutes or more it encodes a tenth of it or less (at most 12 scenes of 4 s), so its share there is no larger");
    }

    private static double? Round(double? seconds) => seconds is { } s ? Stats.Round(s) : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
