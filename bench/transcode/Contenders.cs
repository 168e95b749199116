using System.Diagnostics;
using System.Globalization;
using Marquee.Media;
using Marquee.Media.Transcoding;
using Marquee.Media.Ladder;
using Marquee.Media.Probing;

namespace Marquee.Bench.Transcode;

/// <summary>
/// The two ways of encoding the same ladder, both with arguments from the production builder
/// (<see cref="TranscodeArguments"/>): one ffmpeg for the whole ladder (plus audio, as in
/// production), and one ffmpeg per rung, run one after another. Each starts from an empty output folder.
/// </summary>
internal sealed class Contenders(FfmpegOptions options, TranscodeArguments arguments, string sourcePath, SourceInfo source, EncodingLadder ladder, string outFolder)
{
    public string LadderFolder { get; } = Path.Combine(outFolder, "ladder");

    public string RungsFolder { get; } = Path.Combine(outFolder, "rungs");

    /// <summary>The single process's output for rung <paramref name="index"/>, read through its HLS media playlist.</summary>
    public string LadderRungPlaylist(int index) => Path.Combine(LadderFolder, OutputLayout.MediaPlaylist(index));

    public string RungFile(int index) => Path.Combine(RungsFolder, $"rung-{index.ToString(CultureInfo.InvariantCulture)}.mp4");

    public async Task<Timed> SingleProcessAsync(CancellationToken cancellationToken)
    {
        Reset(LadderFolder);
        Directory.CreateDirectory(Path.Combine(LadderFolder, OutputLayout.TrickplayFolder));
        var args = arguments.ForLadder(sourcePath, source, ladder, LadderFolder);
        var cpu = ChildCpu.Seconds();
        var clock = Stopwatch.StartNew();
        var run = await Ffmpeg.RunCheckedAsync(options.FfmpegPath, args, "single-process ladder", cancellationToken);
        return new Timed(clock.Elapsed, ChildCpu.Seconds() - cpu, [run.Elapsed]);
    }

    /// <summary>Every rung as its own process, one after another.</summary>
    public async Task<Timed> ProcessPerRungAsync(CancellationToken cancellationToken)
    {
        Reset(RungsFolder);
        var each = new List<TimeSpan>();
        var cpu = ChildCpu.Seconds();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < ladder.Rungs.Count; i++)
        {
            var args = arguments.ForSingleRung(sourcePath, source, ladder, i, RungFile(i));
            var run = await Ffmpeg.RunCheckedAsync(options.FfmpegPath, args, $"rung {ladder.Rungs[i].Name} on its own", cancellationToken);
            each.Add(run.Elapsed);
        }

        return new Timed(clock.Elapsed, ChildCpu.Seconds() - cpu, each);
    }

    private static void Reset(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
    }
}
