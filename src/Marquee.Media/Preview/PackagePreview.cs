using System.Globalization;
using System.Text.RegularExpressions;
using Marquee.Media.Ladder;
using Marquee.Media.Packaging;
using Marquee.Media.Probing;
using Marquee.Media.Storage;
using Marquee.Media.Transcoding;
using Microsoft.Extensions.Logging;

namespace Marquee.Media.Preview;

/// <summary>
/// Cuts the preview of a package published before previews existed. The source is deleted once a package is
/// published, so the clip comes from the package itself: the largest rendition within the 720p box and the audio
/// rendition, only the segments around the window fetched from the object store (local files or S3 alike), then
/// the same plan and encode as the pipeline's, with the window at a fifth of the way in (the poster frame's time is
/// not recorded). The preview is stored under the package's prefix; nothing already there changes.
/// </summary>
public sealed partial class PackagePreview(IObjectStore store, FfmpegOptions options, IEnumerable<string> allowedContainers, ILogger logger)
{
    private static readonly PictureBox PreviewBox = PictureBox.ForLines(720);

    /// <returns>Whether <c>preview.mp4</c> now exists under <paramref name="prefix"/>.</returns>
    public async Task<bool> CutAsync(string prefix, TimeSpan duration, string workFolder, CancellationToken cancellationToken)
    {
        var master = await ReadTextAsync(prefix + OutputLayout.HlsMultivariant, cancellationToken);
        if (master is null || duration <= TimeSpan.Zero)
        {
            return false;
        }

        var variants = Variants(master);
        if (variants.Count == 0)
        {
            return false;
        }

        var variant = variants.LastOrDefault(v => PreviewBox.Contains(v.Width, v.Height)) ?? variants.MinBy(v => v.Width * v.Height)!;
        var audioUri = AudioUri().Match(master) is { Success: true } m ? m.Groups[1].Value : null;
        var source = new SourceInfo("mp4", duration, variant.Width, variant.Height, variant.FrameRate, false, 0, audioUri is null ? null : 0, 0);
        var ladder = LadderPlanner.Plan(source);
        var plan = PreviewPlan.For(duration, ladder, TimeSpan.Zero);

        Directory.CreateDirectory(workFolder);
        var video = Path.Combine(workFolder, "video.mp4");
        if (!await JoinWindowAsync(prefix, variant.Uri, plan, video, cancellationToken))
        {
            return false;
        }

        string? audio = null;
        if (audioUri is not null)
        {
            audio = Path.Combine(workFolder, "audio.mp4");
            if (!await JoinWindowAsync(prefix, audioUri, plan, audio, cancellationToken))
            {
                audio = null;
            }
        }

        var preview = Path.Combine(workFolder, OutputLayout.Preview);
        var arguments = new TranscodeArguments(options, allowedContainers).ForPackagePreview(video, audio, source, ladder, plan, preview);
        if (!await new PreviewCutter(options, logger).CutAsync(arguments, plan, preview, null, cancellationToken))
        {
            return false;
        }

        var key = ObjectKey.Require(prefix + OutputLayout.Preview);
        await using (var content = File.OpenRead(preview))
        {
            await store.PutAsync(key, content, ContentTypes.ForKey(key), cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// The rendition's init segment followed by its media segments that overlap the plan's window, as one fragmented
    /// MP4. Only names of this package's own layout are fetched, whatever a playlist says.
    /// </summary>
    private async Task<bool> JoinWindowAsync(string prefix, string playlistUri, PreviewPlan plan, string file, CancellationToken cancellationToken)
    {
        if (!OutputLayout.TryParseRendition(playlistUri, out var id) || await ReadTextAsync(prefix + playlistUri, cancellationToken) is not { } playlist)
        {
            return false;
        }

        var names = new List<string> { $"init-{id.ToString(CultureInfo.InvariantCulture)}.m4s" };
        var at = 0.0;
        var from = plan.Start.TotalSeconds;
        var to = (plan.Start + plan.Length).TotalSeconds;
        foreach (var (uri, length) in MediaPlaylist.Segments(playlist))
        {
            if (at < to && at + length > from && OutputLayout.TryParseRendition(uri, out var of) && of == id)
            {
                names.Add(uri);
            }

            at += length;
        }

        if (names.Count == 1)
        {
            return false;
        }

        await using var output = File.Create(file);
        foreach (var name in names)
        {
            var stored = await store.OpenReadAsync(ObjectKey.Require(prefix + name), cancellationToken);
            if (stored is null)
            {
                return false;
            }

            await using (stored)
            {
                await stored.Content.CopyToAsync(output, cancellationToken);
            }
        }

        return true;
    }

    private async Task<string?> ReadTextAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await store.OpenReadAsync(ObjectKey.Require(key), cancellationToken);
        if (stored is null)
        {
            return null;
        }

        await using (stored)
        {
            using var reader = new StreamReader(stored.Content);
            return await reader.ReadToEndAsync(cancellationToken);
        }
    }

    private sealed record Variant(string Uri, int Width, int Height, double FrameRate);

    /// <summary>The multivariant playlist's video variants in its order (ours: smallest first).</summary>
    private static List<Variant> Variants(string master)
    {
        var lines = master.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var variants = new List<Variant>();
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (StreamInf().Match(lines[i]) is { Success: true } m)
            {
                var rate = FrameRateAttribute().Match(lines[i]) is { Success: true } f ? double.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 30;
                variants.Add(new Variant(lines[i + 1].Trim(), int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), rate));
            }
        }

        return variants;
    }

    [GeneratedRegex(@"^#EXT-X-STREAM-INF:.*\bRESOLUTION=(\d{1,5})x(\d{1,5})")]
    private static partial Regex StreamInf();

    [GeneratedRegex(@"\bFRAME-RATE=(\d{1,3}(?:\.\d{1,6})?)")]
    private static partial Regex FrameRateAttribute();

    [GeneratedRegex(@"^#EXT-X-MEDIA:TYPE=AUDIO,.*\bURI=""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex AudioUri();
}
