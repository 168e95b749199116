using System.Globalization;
using Marquee.Media.Analysis;
using Marquee.Media.Ladder;
using Marquee.Media.Preview;
using Marquee.Media.Probing;

namespace Marquee.Media.Transcoding;

/// <summary>
/// The one place ffmpeg command lines for the ladder are built, as argument lists. Paths are server-generated;
/// nothing a user typed reaches ffmpeg. The source is read with the same protocol and demuxer whitelists as the probe.
/// </summary>
public sealed class TranscodeArguments(FfmpegOptions options, IEnumerable<string> allowedContainers)
{
    /// <summary>
    /// The analysis pass's fixed quality and speed. <see cref="PerTitleBitrates"/> is calibrated against exactly these
    /// (and the 360p box): change one and the calibration must be measured again (<c>bench/transcode/run --calibrate</c>).
    /// CRF 18 sits where the ladder's bitrates put typical content, so film grain shows in the probe's bits as it
    /// will in the ladder's; at CRF 23 x264 smooths the grain away and a grainy title looked easy.
    /// </summary>
    internal const int ProbeCrf = 18;

    internal const string ProbePreset = "superfast";

    private readonly string formatWhitelist = string.Join(',', allowedContainers);

    /// <summary>
    /// Decode once, split, scale and encode every rung, and write one set of CMAF segments referenced by a DASH
    /// MPD and HLS media playlists.
    /// </summary>
    public IReadOnlyList<string> ForLadder(string sourcePath, SourceInfo source, EncodingLadder ladder, string outputFolder)
    {
        var args = Preamble(sourcePath);
        var n = ladder.Rungs.Count;
        var graph = new List<string> { $"{InputChain(source, ladder)},split={n}{string.Concat(Enumerable.Range(0, n).Select(i => $"[s{i}]"))}" };
        for (var i = 0; i < n; i++)
        {
            graph.Add($"[s{i}]{ScaleChain(ladder.Rungs[i], ladder)}[v{i}]");
        }

        args.AddRange(["-filter_complex", string.Join(';', graph)]);

        for (var i = 0; i < n; i++)
        {
            args.AddRange(["-map", $"[v{i}]"]);
        }

        if (source.AudioStreamIndex is { } audio)
        {
            args.AddRange(["-map", $"0:{audio.ToString(CultureInfo.InvariantCulture)}"]);
        }

        args.AddRange(VideoCodec(ladder));
        for (var i = 0; i < n; i++)
        {
            args.AddRange(RungRate(i, ladder.Rungs[i]));
        }

        if (source.AudioStreamIndex is not null)
        {
            args.AddRange(AudioCodec(ladder));
        }

        args.AddRange(DashMuxer(source.AudioStreamIndex is not null));
        args.Add(Path.Combine(outputFolder, OutputLayout.Dash));
        return args;
    }

    /// <summary>
    /// The seek-preview sprite sheets, in a process of their own: as a branch of the ladder's graph the tile filter
    /// holds back its output for a whole sheet (25 thumbnails), which stalls ffmpeg's progress reports for the
    /// ladder until the end. Decoding again costs far less than encoding the ladder.
    /// </summary>
    public IReadOnlyList<string> ForTrickplay(string sourcePath, SourceInfo source, EncodingLadder ladder, string outputFolder)
    {
        var trick = ladder.Trickplay;
        var args = Preamble(sourcePath);
        args.AddRange([
            "-filter_complex",
            $"[0:{source.VideoStreamIndex.ToString(CultureInfo.InvariantCulture)}]fps=1/{trick.IntervalSeconds},scale={trick.ThumbWidth}:{trick.ThumbHeight},setsar=1,format=yuvj420p,tile={trick.Columns}x{trick.Rows}[thumbs]",
            "-map", "[thumbs]", "-c:v", "mjpeg", "-q:v", "5", "-f", "image2",
            Path.Combine(outputFolder, OutputLayout.TrickplayFolder, OutputLayout.TrickplaySpritePattern),
        ]);
        return args;
    }

    /// <summary>
    /// The public preview clip: the plan's window of the source (seeking the input, which decodes from the keyframe
    /// before and drops frames up to the start, so the clip starts exactly there), one H.264 High + AAC-LC stereo
    /// progressive MP4 with the index first (<c>+faststart</c>) so a browser or a social client starts playing before
    /// the download ends. No audio stream at all when the source has none.
    /// </summary>
    public IReadOnlyList<string> ForPreview(string sourcePath, SourceInfo source, EncodingLadder ladder, PreviewPlan plan, string outputFile)
    {
        var args = GlobalFlags();
        args.AddRange(["-ss", Seconds(plan.Start), "-t", Seconds(plan.Length)]);
        args.AddRange(Input(sourcePath));
        var audio = source.AudioStreamIndex is { } index && plan.AudioKbps > 0 ? $"0:{index.ToString(CultureInfo.InvariantCulture)}" : null;
        AddPreviewOutput(args, source, ladder, plan, audio, outputFile);
        return args;
    }

    /// <summary>
    /// The preview of a package published before previews existed, from the package itself (the source is gone by
    /// then): the rendition's init segment and the media segments around the window, joined into one fragmented MP4
    /// per track. Their timestamps are the title's own (each fragment carries its decode time), so both inputs seek
    /// by timestamp (<c>-seek_timestamp</c>) to the plan's start in the title.
    /// </summary>
    public IReadOnlyList<string> ForPackagePreview(string videoFile, string? audioFile, SourceInfo source, EncodingLadder ladder, PreviewPlan plan, string outputFile)
    {
        var args = GlobalFlags();
        foreach (var file in audioFile is null ? [videoFile] : new[] { videoFile, audioFile })
        {
            args.AddRange(["-seek_timestamp", "1", "-ss", Seconds(plan.Start), "-t", Seconds(plan.Length)]);
            args.AddRange(Input(file));
        }

        AddPreviewOutput(args, source, ladder, plan, audioFile is null || plan.AudioKbps == 0 ? null : "1:a:0", outputFile);
        return args;
    }

    private void AddPreviewOutput(List<string> args, SourceInfo source, EncodingLadder ladder, PreviewPlan plan, string? audioMap, string outputFile)
    {
        args.AddRange(["-map_metadata", "-1", "-map_chapters", "-1"]);
        var rung = new Rung(plan.Width, plan.Height, plan.VideoKbps, plan.MaxKbps, plan.BufferKbits);
        args.AddRange(["-filter_complex", $"{InputChain(source, ladder)},{ScaleChain(rung, ladder)}[preview]", "-map", "[preview]"]);
        if (audioMap is not null)
        {
            args.AddRange(["-map", audioMap]);
        }

        args.AddRange(VideoCodec(ladder));
        args.AddRange(RungRate(0, rung));
        args.AddRange(audioMap is not null
            ? ["-c:a", "aac", "-profile:a", "aac_low", "-b:a", Kbps(plan.AudioKbps), "-ac", "2", "-ar", "48000"]
            : ["-an"]);
        args.AddRange(["-sn", "-dn", "-movflags", "+faststart", "-f", "mp4", "file:" + Path.GetFullPath(outputFile)]);
    }

    /// <summary>
    /// One rung on its own, with exactly the settings <see cref="ForLadder"/> uses for it, written as a plain
    /// fragmented MP4. Only the benchmark uses this, to compare one process per rung against the single process.
    /// </summary>
    public IReadOnlyList<string> ForSingleRung(string sourcePath, SourceInfo source, EncodingLadder ladder, int rungIndex, string outputFile)
    {
        var args = Preamble(sourcePath);
        args.AddRange(["-filter_complex", $"{InputChain(source, ladder)},{ScaleChain(ladder.Rungs[rungIndex], ladder)}[v0]", "-map", "[v0]"]);
        args.AddRange(VideoCodec(ladder));
        args.AddRange(RungRate(0, ladder.Rungs[rungIndex]));
        args.AddRange(["-an", "-movflags", "+frag_keyframe+empty_moov+default_base_moof", "-f", "mp4", outputFile]);
        return args;
    }

    /// <summary>
    /// The analysis pass: each sample window read by seeking the input (<c>-ss</c> before <c>-i</c>), scaled to the
    /// probe's size at the ladder's frame rate, joined, and encoded at a fixed quality with the ladder's GOP, so each
    /// window is one GOP like a segment of the ladder. The output's size is the measurement; raw H.264 has next to no
    /// container overhead. <c>-noaccurate_seek</c> starts each window at the source's keyframe before the seek point
    /// instead of decoding up to the point and throwing those frames away: where a scene starts does not matter to
    /// the measurement, and with the 8 s GOPs of x264's defaults that halved the pass's time.
    /// </summary>
    public IReadOnlyList<string> ForComplexityProbe(
        string sourcePath, SourceInfo source, FrameRate frameRate, IReadOnlyList<SampleWindow> samples, int width, int height, string outputFile)
    {
        var args = GlobalFlags();
        foreach (var sample in samples)
        {
            args.AddRange(["-noaccurate_seek", "-ss", Seconds(sample.Start), "-t", Seconds(sample.Length)]);
            args.AddRange(Input(sourcePath));
        }

        var video = source.VideoStreamIndex.ToString(CultureInfo.InvariantCulture);
        var graph = new List<string>();
        for (var i = 0; i < samples.Count; i++)
        {
            // Without accurate seeking a window's frames start before zero; concat and fps want them from zero.
            graph.Add($"[{i.ToString(CultureInfo.InvariantCulture)}:{video}]setpts=PTS-STARTPTS,fps={frameRate},scale={width}:{height}:flags=bicubic,setsar=1,format=yuv420p[p{i.ToString(CultureInfo.InvariantCulture)}]");
        }

        graph.Add($"{string.Concat(Enumerable.Range(0, samples.Count).Select(i => $"[p{i.ToString(CultureInfo.InvariantCulture)}]"))}concat=n={samples.Count.ToString(CultureInfo.InvariantCulture)}:v=1:a=0[probe]");
        var gop = Gop(frameRate).ToString(CultureInfo.InvariantCulture);
        args.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[probe]"]);
        args.AddRange(
        [
            "-c:v", "libx264",
            "-preset", ProbePreset,
            "-crf", ProbeCrf.ToString(CultureInfo.InvariantCulture),
            "-g", gop,
            "-keyint_min", gop,
            "-sc_threshold", "0",
            "-force_key_frames", $"expr:gte(t,n_forced*{options.SegmentSeconds.ToString(CultureInfo.InvariantCulture)})",
            "-an", "-f", "h264", "file:" + Path.GetFullPath(outputFile),
        ]);
        return args;
    }

    private List<string> Preamble(string sourcePath) =>
    [
        .. GlobalFlags(),
        .. Input(sourcePath),
        "-map_metadata", "-1",
        "-map_chapters", "-1",
    ];

    private static List<string> GlobalFlags() =>
    [
        "-hide_banner", "-nostdin", "-y",
        "-loglevel", "error",
        "-progress", "pipe:1", "-nostats",
    ];

    /// <summary>The whitelists are per-input options in ffmpeg: every <c>-i</c> needs its own.</summary>
    private string[] Input(string sourcePath) =>
    [
        "-protocol_whitelist", "file",
        "-format_whitelist", formatWhitelist,
        "-i", "file:" + Path.GetFullPath(sourcePath),
    ];

    private int Gop(FrameRate frameRate) => Math.Max(1, (int)Math.Round(frameRate.Value * options.SegmentSeconds));

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Constant frame rate first (variable-rate sources), so every rung has identical timestamps.</summary>
    private static string InputChain(SourceInfo source, EncodingLadder ladder) =>
        $"[0:{source.VideoStreamIndex.ToString(CultureInfo.InvariantCulture)}]fps={ladder.FrameRate}";

    /// <summary>
    /// Every rung gets the same display aspect ratio: even-rounded widths would otherwise differ by a fraction of a
    /// pixel, and a DASH adaptation set (within which players switch) must share one aspect ratio.
    /// </summary>
    private static string ScaleChain(Rung rung, EncodingLadder ladder) =>
        $"scale={rung.Width}:{rung.Height}:flags=bicubic,setdar={ladder.AspectNum}/{ladder.AspectDen},format=yuv420p";

    private IEnumerable<string> VideoCodec(EncodingLadder ladder)
    {
        var gop = Gop(ladder.FrameRate);
        return
        [
            "-c:v", "libx264",
            "-preset", options.Preset,
            "-profile:v", "high",
            "-g", gop.ToString(CultureInfo.InvariantCulture),
            "-keyint_min", gop.ToString(CultureInfo.InvariantCulture),
            "-sc_threshold", "0",
            "-flags", "+cgop",
            "-force_key_frames", $"expr:gte(t,n_forced*{options.SegmentSeconds.ToString(CultureInfo.InvariantCulture)})",
        ];
    }

    private static IEnumerable<string> RungRate(int index, Rung rung)
    {
        var i = index.ToString(CultureInfo.InvariantCulture);
        return
        [
            $"-b:v:{i}", Kbps(rung.VideoKbps),
            $"-maxrate:v:{i}", Kbps(rung.MaxKbps),
            $"-bufsize:v:{i}", Kbps(rung.BufferKbits),
        ];
    }

    private static IEnumerable<string> AudioCodec(EncodingLadder ladder) =>
        ["-c:a", "aac", "-b:a", Kbps(ladder.AudioKbps), "-ac", "2", "-ar", "48000"];

    private IEnumerable<string> DashMuxer(bool hasAudio) =>
    [
        "-f", "dash",
        "-seg_duration", options.SegmentSeconds.ToString(CultureInfo.InvariantCulture),
        "-use_template", "1",
        "-use_timeline", "0",
        "-hls_playlist", "1",
        "-hls_master_name", OutputLayout.FfmpegHlsMaster,
        "-adaptation_sets", hasAudio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
        "-init_seg_name", OutputLayout.InitPattern,
        "-media_seg_name", OutputLayout.SegmentPattern,
    ];

    private static string Kbps(int kbps) => kbps.ToString(CultureInfo.InvariantCulture) + "k";
}
