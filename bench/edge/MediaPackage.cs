using Marquee.Media;
using Marquee.Media.Pipeline;
using Marquee.Media.Probing;
using Microsoft.Extensions.Options;

namespace Marquee.Bench.Edge;

/// <summary>
/// Real media to serve: a 24 s 1080p30 clip with grain (so the encoder spends the ladder's bitrates) run through
/// the production pipeline (<see cref="TranscodePipeline"/>): CMAF segments of every rung plus audio, HLS and
/// DASH playlists. Made once into <c>out/www/media/{asset}/v1/</c> and reused by later runs.
/// </summary>
internal static class MediaPackage
{
    public const string AssetId = "be0c4a5e11e2d7f0";
    public const string Prefix = "/media/" + AssetId + "/v1/";

    public static string Folder(string outFolder) => Path.Combine(outFolder, "www", "media", AssetId, "v1");

    public static async Task<string> EnsureAsync(string outFolder, CancellationToken cancellationToken)
    {
        var folder = Folder(outFolder);
        if (File.Exists(Path.Combine(folder, "master.m3u8")))
        {
            return folder;
        }

        Console.WriteLine("making the media package (once; a minute or two on 2 cores)...");
        var work = Path.Combine(outFolder, "work");
        Directory.CreateDirectory(work);
        var source = Path.Combine(work, "source.mp4");
        var (code, _, error) = await ChildProcess.RunAsync("ffmpeg",
        [
            "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
            "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=24",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=24",
            "-vf", "noise=alls=14:allf=t+u",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest", source,
        ], cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException("ffmpeg could not make the source: " + error);
        }

        var ffmpeg = Options.Create(new FfmpegOptions());
        var limits = Options.Create(new InputLimits());
        var info = await new InputInspector(new MediaProbe(ffmpeg, limits), new InputValidator(limits), limits).InspectAsync(source, cancellationToken);
        var result = await new TranscodePipeline(ffmpeg, limits).RunAsync(source, info, [], work, null, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.Move(result.Folder, folder);
        Directory.Delete(work, recursive: true);
        return folder;
    }

    /// <summary>The CMAF segments and init segments of every rendition, by path under the server root.</summary>
    public static IReadOnlyList<(string Path, long Bytes)> Segments(string folder) =>
        Directory.EnumerateFiles(folder, "*.m4s")
            .Select(f => (Prefix + Path.GetFileName(f), new FileInfo(f).Length))
            .Order()
            .ToList();
}
