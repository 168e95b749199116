using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Ingest;
using Marquee.Origin.Tests.Accounts;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Catalog;

/// <summary>Ingest into an existing episode or trailer slot: the series plays once its episode is transcoded.</summary>
public sealed class AttachMediaTests
{
    [Fact]
    public async Task A_file_ingested_into_an_episode_makes_its_series_playable()
    {
        await using var server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000");
        using var admin = await TestAccounts.AdminClientAsync(server);
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/titles", new { kind = "series", title = "Tidal", maturityRating = 0 }, TestContext.Current.CancellationToken);
        var seriesId = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        using var season = await admin.PostAsJsonAsync($"/api/v1/admin/titles/{seriesId}/seasons", new { number = 1 }, TestContext.Current.CancellationToken);
        var seasonId = (await season.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("seasons")[0].GetProperty("id").GetString();
        using var episode = await admin.PostAsJsonAsync($"/api/v1/admin/seasons/{seasonId}/episodes", new { number = 1, name = "Ebb" }, TestContext.Current.CancellationToken);
        var episodeId = (await episode.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        using var licence = await admin.PutAsJsonAsync($"/api/v1/admin/titles/{seriesId}/licences", new[] { new { country = "*", tier = "free" } }, TestContext.Current.CancellationToken);
        using var publish = await admin.PostAsync($"/api/v1/admin/titles/{seriesId}/publish", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        // An episode without media yet leaves the series missing media, not failed.
        var empty = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/titles/{seriesId}", TestContext.Current.CancellationToken);
        Assert.Equal("missing", empty.GetProperty("status").GetString());

        var clip = await Clips.GetAsync(new ClipSpec(Seconds: 4));
        var returned = await server.IngestAsync(clip, "ignored", r => r with { AttachTo = new IngestTarget(IngestTargetKind.Episode, episodeId) });
        Assert.Equal(seriesId, returned);
        using var published = await admin.PostAsync($"/api/v1/admin/titles/{seriesId}/publish", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var page = await server.WaitForTitleAsync(seriesId);
        var media = page.GetProperty("seasons")[0].GetProperty("episodes")[0].GetProperty("media");
        Assert.EndsWith("/master.m3u8", media.GetProperty("hls").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/poster.jpg", page.GetProperty("poster").GetString(), StringComparison.Ordinal);
        // The episode's public preview, and the series shows its first playable episode's.
        Assert.EndsWith("/preview.mp4", media.GetProperty("preview").GetString(), StringComparison.Ordinal);
        Assert.Equal(media.GetProperty("preview").GetString(), page.GetProperty("preview").GetString());
        await Eventually.TrueAsync(async () =>
        {
            var list = await server.Http.GetFromJsonAsync<JsonElement>("/api/v1/titles");
            return list.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("id").GetString() == seriesId);
        }, "the series is listed once its episode is ready", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Ingest_into_a_missing_slot_is_refused_and_leaves_nothing()
    {
        await using var server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0");
        var clip = await Clips.GetAsync(new ClipSpec(Seconds: 2));

        var error = await Assert.ThrowsAsync<IngestValidationException>(() =>
            server.IngestAsync(clip, "x", r => r with { AttachTo = new IngestTarget(IngestTargetKind.Episode, "0000000000000000") }));

        Assert.Equal("episode", error.Field);
        Assert.Empty(Directory.GetFiles(Path.Combine(server.DataPath, "staging")));
    }
}
