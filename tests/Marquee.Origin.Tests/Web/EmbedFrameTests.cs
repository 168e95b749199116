using System.Text.Json;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Web;

/// <summary>
/// A site embeds a title with the player oEmbed gives it: in Chromium, from another origin and with no session, the
/// frame plays the public preview, while a frame of the app's own page is refused.
/// </summary>
public sealed class EmbedFrameTests : IAsyncLifetime
{
    private readonly string root = TestPaths.NewScratchFolder("embed-web-root");
    private OriginServer server = null!;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!doctype html><html><head><title>Marquee</title></head><body><div id=\"root\"></div></body></html>");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        server = await OriginServer.StartAsync(null, "--urls", url, "--Accounts:PublicUrl", url, "--Web:Root", root);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Another_site_frames_the_player_and_it_plays_the_preview_without_signing_in_while_the_app_refuses_to_be_framed()
    {
        var clip = await Clips.GetAsync(new ClipSpec(Width: 640, Height: 360, Fps: 25, Seconds: 8));
        var id = await server.IngestAsync(clip, "Embedded Film");
        var title = await server.WaitForTitleAsync(id);
        var site = server.Address.GetLeftPart(UriPartial.Authority);

        var result = await NodeScript.RunAsync("embed-frame.mjs", [site, $"{site}/title/{title.GetProperty("slug").GetString()}", $"{site}/title/{id}"],
            TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        var state = JsonDocument.Parse(result.StandardOutputLines[^1]).RootElement;
        Assert.True(state.GetProperty("played").GetDouble() > 1, result.ToString());
        Assert.False(state.GetProperty("paused").GetBoolean());
        Assert.EndsWith("/preview.mp4", state.GetProperty("currentSrc").GetString(), StringComparison.Ordinal);
        Assert.True(state.GetProperty("appRefused").GetBoolean(), result.ToString());
        Assert.Empty(state.GetProperty("problems").EnumerateArray());
    }
}
