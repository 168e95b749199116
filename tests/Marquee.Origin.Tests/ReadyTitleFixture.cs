using System.Text.Json;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests;

/// <summary>One origin with one transcoded title (two rungs, audio, subtitles), shared by the tests that only read.</summary>
public sealed class ReadyTitleFixture : IAsyncLifetime
{
    public OriginServer Server { get; private set; } = null!;

    public JsonElement Title { get; private set; }

    public string TitleId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Server = await OriginServer.StartAsync();
        var clip = await Clips.GetAsync(new ClipSpec(Width: 640, Height: 360, Fps: 30, Seconds: 9));
        var srt = Path.Combine(TestPaths.NewScratchFolder("subs"), "clip.srt");
        await File.WriteAllTextAsync(srt, "1\n00:00:01,000 --> 00:00:03,000\nHello\n");
        TitleId = await Server.IngestAsync(clip, "Ready Title", r => r with { Subtitles = [new Marquee.Media.Subtitles.SubtitleSource(srt, "en", "English")] });
        Title = await Server.WaitForTitleAsync(TitleId);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
