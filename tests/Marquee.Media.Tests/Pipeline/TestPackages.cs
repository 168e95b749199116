using Marquee.Media.Pipeline;
using Marquee.Media.Subtitles;
using Marquee.Media.Transcoding;
using Marquee.TestSupport;

namespace Marquee.Media.Tests.Pipeline;

/// <summary>Runs the real pipeline on a generated clip, with the fast test encoder settings.</summary>
internal static class TestPackages
{
    public static async Task<PackageResult> BuildAsync(ClipSpec spec, IReadOnlyList<SubtitleSource>? subtitles = null, IProgress<EncodeProgress>? progress = null)
    {
        var clip = await Clips.GetAsync(spec);
        var source = await MediaTestOptions.ProbeAsync(clip);
        var work = TestPaths.NewScratchFolder("pipeline");
        return await new TranscodePipeline(MediaTestOptions.Ffmpeg, MediaTestOptions.Limits())
            .RunAsync(clip, source, subtitles ?? [], work, progress, CancellationToken.None);
    }
}
