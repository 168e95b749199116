using Marquee.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Marquee.Origin.Tests.Catalog;

public sealed class TitlesApiTests(ReadyTitleFixture fixture) : IClassFixture<ReadyTitleFixture>
{
    [Fact]
    public async Task A_ready_title_names_its_manifests_poster_and_thumbnails()
    {
        var title = await fixture.Server.Http.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{fixture.TitleId}");

        Assert.Equal("ready", title.GetProperty("status").GetString());
        Assert.Equal("ready-title", title.GetProperty("slug").GetString());
        Assert.EndsWith("/master.m3u8", title.GetProperty("hls").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/manifest.mpd", title.GetProperty("dash").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/poster.jpg", title.GetProperty("poster").GetString(), StringComparison.Ordinal);
        Assert.Equal(["en"], title.GetProperty("subtitles").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(100, title.GetProperty("progress").GetDouble());
    }

    [Fact]
    public async Task The_slug_finds_the_title_too_and_the_list_contains_it()
    {
        var bySlug = await fixture.Server.Http.GetFromJsonAsync<JsonElement>("/api/v1/titles/ready-title");
        Assert.Equal(fixture.TitleId, bySlug.GetProperty("id").GetString());
        // The list is the in-memory catalog, which follows publication a moment later.
        await Eventually.TrueAsync(async () =>
        {
            var list = await fixture.Server.Http.GetFromJsonAsync<JsonElement>("/api/v1/titles?limit=10");
            return list.GetProperty("items").EnumerateArray().Any(t => t.GetProperty("id").GetString() == fixture.TitleId);
        }, "the ready title is listed", TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("/api/v1/titles/does-not-exist", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/titles?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/titles?limit=5000", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/titles?offset=-1", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/titles?limit=abc", HttpStatusCode.BadRequest)]
    public async Task Bad_requests_get_a_problem_not_a_crash(string path, HttpStatusCode expected)
    {
        using var response = await fixture.Server.Http.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_public_routes()
    {
        var document = await fixture.Server.Http.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/v1/titles/{id}\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/uploads\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/media/{assetId}/v{version}/{path}\"", document, StringComparison.Ordinal);
        foreach (var route in new[] { "/api/v1/progress/{titleId}", "/api/v1/progress/{playbackId}", "/api/v1/account/sessions", "/api/v1/account/sessions/{id}", "/api/v1/admin/users", "/api/v1/admin/users/{id}/plan" })
        {
            Assert.Contains($"\"{route}\"", document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_and_metrics_answer()
    {
        var health = await fixture.Server.Http.GetFromJsonAsync<JsonElement>("/healthz");
        var metrics = await fixture.Server.Http.GetStringAsync("/metrics");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Contains("marquee_ingest_accepted", metrics, StringComparison.Ordinal);
        Assert.Contains("marquee_transcode_duration", metrics, StringComparison.Ordinal);
    }
}
