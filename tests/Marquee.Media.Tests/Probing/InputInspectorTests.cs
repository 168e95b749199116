using System.Net;
using System.Net.Sockets;
using Marquee.Media.Probing;
using Marquee.TestSupport;

namespace Marquee.Media.Tests.Probing;

public sealed class InputInspectorTests
{
    private static InputInspector Inspector(Action<InputLimits>? change = null)
    {
        var limits = MediaTestOptions.Limits(change);
        return new InputInspector(new MediaProbe(MediaTestOptions.Ffmpeg, limits), new InputValidator(limits), limits);
    }

    private static async Task<InputRefusal> RefusedAsync(string path, Action<InputLimits>? change = null)
    {
        var e = await Assert.ThrowsAsync<InputRefusedException>(() => Inspector(change).InspectAsync(path, CancellationToken.None));
        return e.Reason;
    }

    [Fact]
    public async Task Accepts_a_plain_clip_and_describes_it()
    {
        var clip = await Clips.GetAsync(new ClipSpec(Width: 320, Height: 180, Fps: 25));

        var source = await Inspector().InspectAsync(clip, CancellationToken.None);

        Assert.Equal((320, 180), (source.DisplayWidth, source.DisplayHeight));
        Assert.Equal(25, source.FrameRate, 2);
        Assert.NotNull(source.AudioStreamIndex);
        Assert.InRange(source.Duration.TotalSeconds, 5.9, 6.2);
    }

    [Fact]
    public async Task Rotation_and_pixel_aspect_give_the_displayed_size()
    {
        var rotated = await Inspector().InspectAsync(await Clips.GetAsync(new ClipSpec(Width: 320, Height: 180, Rotate: 90)), CancellationToken.None);
        var anamorphic = await Inspector().InspectAsync(await Clips.GetAsync(new ClipSpec(Width: 360, Height: 288, Sar: "16:15", Audio: false)), CancellationToken.None);

        Assert.Equal((180, 320), (rotated.DisplayWidth, rotated.DisplayHeight));
        Assert.Equal((384, 288), (anamorphic.DisplayWidth, anamorphic.DisplayHeight));
        Assert.Null(anamorphic.AudioStreamIndex);
    }

    [Fact]
    public async Task Empty_file_is_refused() => Assert.Equal("empty-file", (await RefusedAsync(HostileInputs.Empty())).Code);

    [Fact]
    public async Task Random_bytes_are_refused_as_unsupported()
    {
        var refusal = await RefusedAsync(HostileInputs.RandomBytes());

        Assert.Equal(415, refusal.HttpStatus);
    }

    [Fact]
    public async Task Truncated_mp4_is_refused_as_unreadable()
    {
        var refusal = await RefusedAsync(await HostileInputs.TruncatedMp4());

        Assert.Equal("unreadable", refusal.Code);
        Assert.Contains("moov", refusal.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Text_renamed_mp4_is_refused() =>
        Assert.Equal(415, (await RefusedAsync(HostileInputs.TextRenamed())).HttpStatus);

    [Fact]
    public async Task Hls_playlist_is_refused_without_opening_what_it_names()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var refusal = await RefusedAsync(HostileInputs.HlsPlaylist(port));

        Assert.Equal("container-not-allowed", refusal.Code);
        Assert.Contains("hls", refusal.Detail, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "ffprobe connected to the URL in the playlist");
    }

    [Fact]
    public async Task Concat_script_is_refused()
    {
        var refusal = await RefusedAsync(HostileInputs.ConcatScript(await Clips.GetAsync(new ClipSpec())));

        Assert.Equal("container-not-allowed", refusal.Code);
        Assert.Contains("concat", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Still_image_is_refused() =>
        Assert.Equal("container-not-allowed", (await RefusedAsync(await HostileInputs.StillImage())).Code);

    [Fact]
    public async Task Single_frame_video_is_refused_as_a_still_image()
    {
        var path = Path.Combine(HostileInputs.NewFolder(), "one-frame.mp4");
        await Clips.RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=s=320x180", "-frames:v", "1", "-c:v", "libx264", path]);

        Assert.Equal("still-image", (await RefusedAsync(path)).Code);
    }

    [Fact]
    public async Task Header_claiming_30000_by_30000_is_refused()
    {
        var refusal = await RefusedAsync(await HostileInputs.HugeResolutionClaim());

        Assert.Equal("resolution-too-large", refusal.Code);
        Assert.Contains("30000×30000", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_hour_claim_in_a_tiny_file_is_refused()
    {
        var refusal = await RefusedAsync(await HostileInputs.TenHourClaim());

        Assert.Equal("too-long", refusal.Code);
        Assert.Equal(422, refusal.HttpStatus);
    }

    [Fact]
    public async Task An_absurd_pixel_aspect_ratio_is_refused()
    {
        var clip = await Clips.GetAsync(new ClipSpec(Width: 320, Height: 240, Sar: "8:1", Audio: false, Seconds: 2));

        Assert.Equal("aspect-ratio", (await RefusedAsync(clip)).Code);
    }

    [Fact]
    public async Task Limits_are_configurable()
    {
        var clip = await Clips.GetAsync(new ClipSpec(Width: 320, Height: 180, Fps: 30));

        Assert.Equal("resolution-too-large", (await RefusedAsync(clip, l => l.MaxWidth = 256)).Code);
        Assert.Equal("frame-rate-too-high", (await RefusedAsync(clip, l => l.MaxFrameRate = 24)).Code);
        Assert.Equal("too-many-streams", (await RefusedAsync(clip, l => l.MaxStreams = 1)).Code);
        Assert.Equal("too-large", (await RefusedAsync(clip, l => l.MaxBytes = 1000)).Code);
        Assert.Equal("too-long", (await RefusedAsync(clip, l => l.MaxDuration = TimeSpan.FromSeconds(2))).Code);
    }
}
