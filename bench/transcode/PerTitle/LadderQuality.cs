using System.Globalization;
using System.Text.RegularExpressions;
using Marquee.Media.Transcoding;

namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>
/// SSIM and PSNR of every rung of several ladders of one source, in one ffmpeg process: the source is decoded once,
/// scaled to each rung's size with the ladder's scaler (bicubic), and compared with each ladder's rung read through
/// its HLS media playlist. Every comparison filter has a name of its own (<c>ssim@l0r2</c>), so its summary line in
/// the log says which ladder and rung it belongs to. Same sizes in every ladder, as the planner makes them.
/// </summary>
internal static partial class LadderQuality
{
    public static async Task<IReadOnlyList<IReadOnlyList<RungQuality>>> MeasureAsync(
        string ffmpegPath, string sourcePath, TimeSpan duration, IReadOnlyList<EncodedLadder> ladders, CancellationToken cancellationToken)
    {
        var rungs = ladders[0].Ladder.Rungs;
        var arguments = new List<string> { "-hide_banner", "-nostdin", "-i", sourcePath };
        foreach (var ladder in ladders)
        {
            for (var r = 0; r < rungs.Count; r++)
            {
                arguments.AddRange(["-protocol_whitelist", "file", "-i", Path.Combine(ladder.Folder, OutputLayout.MediaPlaylist(r))]);
            }
        }

        var graph = new List<string> { $"[0:v]split={rungs.Count}{string.Concat(Enumerable.Range(0, rungs.Count).Select(r => $"[s{r}]"))}" };
        var copies = 2 * ladders.Count;
        for (var r = 0; r < rungs.Count; r++)
        {
            graph.Add(Invariant($"[s{r}]scale={rungs[r].Width}:{rungs[r].Height}:flags=bicubic,setsar=1,setpts=PTS-STARTPTS,split={copies}{string.Concat(Enumerable.Range(0, copies).Select(c => $"[ref{r}x{c}]"))}"));
            for (var l = 0; l < ladders.Count; l++)
            {
                var input = 1 + (l * rungs.Count) + r;
                graph.Add(Invariant($"[{input}:v]setsar=1,setpts=PTS-STARTPTS,split[ds{l}r{r}][dp{l}r{r}]"));
                graph.Add(Invariant($"[ds{l}r{r}][ref{r}x{2 * l}]ssim@l{l}r{r}=shortest=1"));
                graph.Add(Invariant($"[dp{l}r{r}][ref{r}x{(2 * l) + 1}]psnr@l{l}r{r}=shortest=1"));
            }
        }

        arguments.AddRange(["-lavfi", string.Join(';', graph), "-f", "null", "-"]);
        var run = await Ffmpeg.RunCheckedAsync(ffmpegPath, arguments, $"SSIM and PSNR of {Path.GetFileName(sourcePath)}", cancellationToken);

        var result = new List<IReadOnlyList<RungQuality>>();
        for (var l = 0; l < ladders.Count; l++)
        {
            var measured = new List<RungQuality>();
            for (var r = 0; r < rungs.Count; r++)
            {
                var rung = ladders[l].Ladder.Rungs[r];
                var ssim = Summary(run.Stderr, Invariant($"ssim@l{l}r{r}"), SsimAll());
                var psnr = Summary(run.Stderr, Invariant($"psnr@l{l}r{r}"), PsnrAverage());
                var bytes = Directory.GetFiles(ladders[l].Folder, OutputLayout.SegmentGlob(r)).Sum(f => new FileInfo(f).Length)
                    + new FileInfo(Path.Combine(ladders[l].Folder, Invariant($"init-{r}.m4s"))).Length;
                measured.Add(new RungQuality(rung.Name, rung.Width, rung.Height, rung.VideoKbps,
                    Math.Round(bytes * 8 / duration.TotalSeconds / 1000, 1), ssim, Math.Min(psnr, 100)));
            }

            result.Add(measured);
        }

        return result;
    }

    /// <summary>The value on the named filter's summary line (the last one: ffmpeg prints it when the graph closes).</summary>
    private static double Summary(string log, string filterName, Regex value)
    {
        var line = log.Split('\n').LastOrDefault(l => l.Contains($"[{filterName} @", StringComparison.Ordinal) && value.IsMatch(l))
            ?? throw new InvalidOperationException($"ffmpeg printed no summary for {filterName}.");
        var text = value.Match(line).Groups["v"].Value;
        return text == "inf" ? double.PositiveInfinity : double.Parse(text, CultureInfo.InvariantCulture);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"All:(?<v>[0-9]+(\.[0-9]+)?)")]
    private static partial Regex SsimAll();

    [GeneratedRegex(@"average:(?<v>inf|[0-9]+(\.[0-9]+)?)")]
    private static partial Regex PsnrAverage();
}
