using Marquee.Media.Probing;
using Microsoft.Extensions.Options;

namespace Marquee.Media.Tests;

internal static class MediaTestOptions
{
    public static IOptions<FfmpegOptions> Ffmpeg { get; } = Options.Create(new FfmpegOptions { Preset = "ultrafast" });

    public static IOptions<InputLimits> Limits(Action<InputLimits>? change = null)
    {
        var limits = new InputLimits();
        change?.Invoke(limits);
        return Options.Create(limits);
    }

    public static async Task<SourceInfo> ProbeAsync(string path)
    {
        var probe = await new MediaProbe(Ffmpeg, Limits()).ProbeAsync(path, CancellationToken.None);
        return new InputValidator(Limits()).Validate(probe, new FileInfo(path).Length);
    }
}
