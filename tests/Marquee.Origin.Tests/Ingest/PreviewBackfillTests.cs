using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Media.Storage;
using Marquee.Origin.Data;
using Marquee.Origin.Ingest;
using Marquee.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Ingest;

/// <summary>
/// A title published before previews existed (its package has no preview.mp4 and its asset says so) gets one cut
/// from the package itself by the backfill, and the catalog names it only then.
/// </summary>
public sealed class PreviewBackfillTests
{
    [Fact]
    public async Task A_package_without_a_preview_gets_thirty_seconds_cut_from_its_own_renditions()
    {
        await using var server = await OriginServer.StartAsync();
        var clip = await Clips.GetAsync(new ClipSpec(Width: 256, Height: 144, Fps: 10, Seconds: 160));
        var id = await server.IngestAsync(clip, "Before previews");
        var title = await server.WaitForTitleAsync(id);
        var assetId = title.GetProperty("assetId").GetString()!;
        var preview = title.GetProperty("preview").GetString()!;
        await MakeItOldAsync(server, assetId, preview);
        var before = await server.Http.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("preview").ValueKind);

        var first = await BackfillAsync(server);
        var again = await BackfillAsync(server);

        Assert.Equal(new PreviewBackfill.Outcome(1, 0), first);
        Assert.Equal(new PreviewBackfill.Outcome(0, 0), again);
        var after = await server.Http.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(preview, after.GetProperty("preview").GetString());
        using var anonymous = new HttpClient { BaseAddress = server.Address };
        using var response = await anonymous.GetAsync(preview, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(TestPaths.NewScratchFolder("backfilled"), "preview.mp4");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        var duration = double.Parse((await Tool.OutputAsync("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file)).Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(duration, 29, 31);
        var streams = (await Tool.OutputAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", file)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["h264", "aac"], streams);
    }

    /// <summary>What a package published before this change looks like: no preview object, and the asset says none.</summary>
    private static async Task MakeItOldAsync(OriginServer server, string assetId, string preview)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IObjectStore>().DeletePrefixAsync(preview.TrimStart('/'), TestContext.Current.CancellationToken);
        await scope.ServiceProvider.GetRequiredService<MarqueeDbContext>().Assets.Where(a => a.Id == assetId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.HasPreview, false), TestContext.Current.CancellationToken);
    }

    private static async Task<PreviewBackfill.Outcome> BackfillAsync(OriginServer server)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PreviewBackfill>().RunAsync(TestContext.Current.CancellationToken);
    }
}
