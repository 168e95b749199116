using Marquee.Media.Analysis;
using Marquee.Media.Artwork;
using Marquee.Media.Transcoding;
using Marquee.Media.Ladder;
using Marquee.Media.Packaging;
using Marquee.Media.Preview;
using Marquee.Media.Probing;
using Marquee.Media.Subtitles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marquee.Media.Pipeline;

/// <summary>
/// Source file in, complete package out, in a local work folder: the analysis pass that sets the title's bitrates
/// (<see cref="ComplexityProbe"/>), one ffmpeg process for the whole ladder, one for the trickplay sprites, then our
/// own HLS multivariant playlist, cleaned media playlists, DASH subtitles, the trickplay index, the poster, and the
/// public preview clip (<see cref="PreviewPlan"/>) in one more ffmpeg run.
/// Nothing here touches the object store; <see cref="PackagePublisher"/> does.
/// </summary>
public sealed partial class TranscodePipeline(
    IOptions<FfmpegOptions> ffmpeg, IOptions<InputLimits> limits, ILogger<TranscodePipeline>? logger = null)
{
    /// <summary>The share of progress the analysis pass and the ladder encode take; the preview, poster and packaging take the rest.</summary>
    private const double EncodeShare = 0.85;

    /// <summary>
    /// Where the preview clip's encode ends on the bar: it runs after the ladder, from <see cref="EncodeShare"/> to
    /// here. A 30 s clip at 720p is a small part of a film's ladder; a trailer used whole is a larger part of its own.
    /// </summary>
    private const double PreviewShare = 0.97;

    /// <summary>The part of <see cref="EncodeShare"/> the analysis pass takes, when it runs: about its share of the time.</summary>
    private const double AnalysisShare = 0.05;

    private readonly ILogger log = logger ?? NullLogger<TranscodePipeline>.Instance;

    public async Task<PackageResult> RunAsync(
        string sourcePath,
        SourceInfo source,
        IReadOnlyList<SubtitleSource> subtitles,
        string workFolder,
        IProgress<EncodeProgress>? progress,
        CancellationToken cancellationToken)
    {
        var options = ffmpeg.Value;
        var output = Path.Combine(workFolder, "out");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(output, OutputLayout.TrickplayFolder));
        var ladder = LadderPlanner.Plan(source);
        TitleComplexity? complexity = null;
        var encodeFrom = 0.0;
        if (options.PerTitleBitrates)
        {
            encodeFrom = 100 * AnalysisShare;
            var analysisProgress = progress is null ? null : new ScaledProgress(progress, 0, encodeFrom);
            complexity = await AnalyseAsync(sourcePath, source, workFolder, analysisProgress, cancellationToken);
            if (complexity is not null)
            {
                ladder = PerTitleBitrates.Apply(ladder, PerTitleBitrates.Scale(complexity));
            }
        }

        var builder = new TranscodeArguments(options, limits.Value.AllowedContainers);
        var arguments = builder.ForLadder(sourcePath, source, ladder, output);
        var parser = new ProgressParser(source.Duration);
        var encodeProgress = progress is null ? null : new ScaledProgress(progress, encodeFrom, 100 * EncodeShare);
        var result = await ToolProcess.RunAsync(options.FfmpegPath, arguments, line =>
        {
            if (parser.Feed(line) is { } p)
            {
                encodeProgress?.Report(p);
            }
        }, options.StallTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new TranscodeFailedException("ffmpeg could not transcode the video: " + LastLine(result.StderrTail));
        }

        var sprites = await ToolProcess.RunAsync(options.FfmpegPath, builder.ForTrickplay(sourcePath, source, ladder, output), null, options.StallTimeout, cancellationToken);
        if (sprites.ExitCode != 0)
        {
            throw new TranscodeFailedException("ffmpeg could not draw the seek thumbnails: " + LastLine(sprites.StderrTail));
        }

        var tracks = new List<SubtitleTrack>();
        var converter = new SubtitleConverter(options);
        foreach (var subtitle in subtitles)
        {
            if (tracks.Any(t => t.Language == subtitle.Language))
            {
                continue;
            }

            await converter.ConvertAsync(subtitle, Path.Combine(output, OutputLayout.SubtitleFile(subtitle.Language)), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(output, OutputLayout.SubtitlePlaylist(subtitle.Language)),
                HlsMultivariantWriter.SubtitlePlaylist(OutputLayout.SubtitleFile(subtitle.Language), source.Duration.TotalSeconds), cancellationToken);
            tracks.Add(new SubtitleTrack(subtitle.Language, subtitle.Name));
        }

        var renditions = await PackageAsync(output, ladder, source, tracks, cancellationToken);

        var sheets = Directory.GetFiles(Path.Combine(output, OutputLayout.TrickplayFolder), "sprite-*.jpg").Length;
        await File.WriteAllTextAsync(Path.Combine(output, OutputLayout.TrickplayIndex),
            TrickplayIndex.Write(ladder.Trickplay, source.Duration, sheets), cancellationToken);

        var poster = new PosterPicker(options, limits.Value.AllowedContainers);
        var at = await poster.PickAsync(sourcePath, source, workFolder, cancellationToken);
        await poster.WriteAsync(sourcePath, source, ladder, at, Path.Combine(output, OutputLayout.Poster), cancellationToken);

        if (options.Previews)
        {
            var plan = PreviewPlan.For(source.Duration, ladder, at);
            var previewProgress = progress is null ? null : new ScaledProgress(progress, 100 * EncodeShare, 100 * PreviewShare);
            await new PreviewCutter(options, log).CutAsync(builder.ForPreview(sourcePath, source, ladder, plan, Path.Combine(output, OutputLayout.Preview)),
                plan, Path.Combine(output, OutputLayout.Preview), previewProgress, cancellationToken);
        }

        progress?.Report(new EncodeProgress(100, 0));
        return new PackageResult(output, ladder, renditions, source.Duration, tracks, complexity);
    }

    /// <summary>
    /// The analysis pass, bounded by <see cref="FfmpegOptions.AnalysisTimeout"/>. Whatever goes wrong in it (ffmpeg
    /// fails, the samples hold no frames, it runs too long) costs the title its per-title bitrates, never its ingest:
    /// null, logged, and the fixed ladder. Only the caller's own cancellation goes on up.
    /// </summary>
    private async Task<TitleComplexity?> AnalyseAsync(
        string sourcePath, SourceInfo source, string workFolder, IProgress<EncodeProgress>? progress, CancellationToken cancellationToken)
    {
        var options = ffmpeg.Value;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.AnalysisTimeout);
        var probe = new ComplexityProbe(options, limits.Value.AllowedContainers);
        try
        {
            var complexity = await probe.MeasureAsync(sourcePath, source, workFolder, progress, bounded.Token);
            LogAnalysed(complexity.Kbps, PerTitleBitrates.Scale(complexity), complexity.Samples, complexity.SampledSeconds, complexity.Elapsed.TotalSeconds);
            return complexity;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogAnalysisFailed($"it took longer than {options.AnalysisTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is AnalysisFailedException or TimeoutException or IOException or InvalidOperationException)
        {
            LogAnalysisFailed(e.Message);
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Per-title analysis: complexity {Complexity:0} kbps (360p, 30 fps), bitrates x{Scale:0.00} of the fixed ladder, from {Samples} scenes ({Seconds:0.0} s) in {Elapsed:0.0} s")]
    private partial void LogAnalysed(double complexity, double scale, int samples, double seconds, double elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Per-title analysis failed ({Reason}); the title gets the fixed ladder's bitrates")]
    private partial void LogAnalysisFailed(string reason);

    private static async Task<IReadOnlyList<PackagedRendition>> PackageAsync(
        string output, EncodingLadder ladder, SourceInfo source, IReadOnlyList<SubtitleTrack> subtitles, CancellationToken cancellationToken)
    {
        var mpdPath = Path.Combine(output, OutputLayout.Dash);
        var mpd = await File.ReadAllTextAsync(mpdPath, cancellationToken);
        var codecs = DashManifest.Codecs(mpd);
        var renditions = new List<PackagedRendition>();
        for (var i = 0; i < ladder.Rungs.Count + (source.AudioStreamIndex is null ? 0 : 1); i++)
        {
            var playlistPath = Path.Combine(output, OutputLayout.MediaPlaylist(i));
            if (!File.Exists(playlistPath))
            {
                throw new TranscodeFailedException($"ffmpeg did not write the playlist of rendition {i}.");
            }

            var cleaned = MediaPlaylist.Clean(await File.ReadAllTextAsync(playlistPath, cancellationToken));
            await File.WriteAllTextAsync(playlistPath, cleaned, cancellationToken);
            var stats = MediaPlaylist.Measure(output, cleaned);
            if (stats.SegmentCount == 0)
            {
                throw new TranscodeFailedException($"Rendition {i} has no segments.");
            }

            var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var codec = codecs.TryGetValue(key, out var c) ? c : i < ladder.Rungs.Count ? "avc1.640028" : "mp4a.40.2";
            var (width, height) = i < ladder.Rungs.Count ? (ladder.Rungs[i].Width, ladder.Rungs[i].Height) : (0, 0);
            renditions.Add(new PackagedRendition(OutputLayout.MediaPlaylist(i), width, height, codec, stats));
        }

        var video = renditions.Take(ladder.Rungs.Count).ToList();
        (string, RenditionStats, string)? audio = source.AudioStreamIndex is null
            ? null
            : (renditions[^1].Playlist, renditions[^1].Stats, renditions[^1].Codecs);
        await File.WriteAllTextAsync(Path.Combine(output, OutputLayout.HlsMultivariant),
            HlsMultivariantWriter.Write(video, ladder.StartRungIndex, ladder.FrameRate, audio, subtitles), cancellationToken);
        await File.WriteAllTextAsync(mpdPath, DashManifest.AddSubtitles(mpd, subtitles), cancellationToken);
        File.Delete(Path.Combine(output, OutputLayout.FfmpegHlsMaster));
        return video;
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no details";
}
