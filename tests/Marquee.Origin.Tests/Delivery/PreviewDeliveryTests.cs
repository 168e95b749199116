using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Delivery;

/// <summary>
/// The public preview clip: the pipeline puts it in the package, publishing records it, the title says where it is,
/// and the origin serves it to anyone (a shared link's card, the embed) while the rest of the package stays entitled.
/// </summary>
public sealed class PreviewDeliveryTests(ReadyTitleFixture fixture) : IClassFixture<ReadyTitleFixture>
{
    private string Prefix => fixture.Title.GetProperty("hls").GetString()![..^"master.m3u8".Length];

    [Fact]
    public async Task The_title_names_its_preview_and_anyone_may_fetch_it_by_ranges()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };

        Assert.Equal(Prefix + "preview.mp4", fixture.Title.GetProperty("preview").GetString());
        using var whole = await anonymous.GetAsync(Prefix + "preview.mp4");
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, Prefix + "preview.mp4");
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var range = await anonymous.SendAsync(request);
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, Prefix + "preview.mp4"));

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("video/mp4", whole.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", whole.Headers.CacheControl!.ToString());
        Assert.Equal("*", Assert.Single(whole.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal($"bytes 0-99/{bytes.Length}", range.Content.Headers.ContentRange!.ToString());
        Assert.Equal(bytes[..100], await range.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Nothing_else_of_the_package_is_public()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.Address };

        foreach (var file in new[] { "seg-0-00001.m4s", "init-0.m4s", "media_0.m3u8", "master.m3u8", "manifest.mpd", "Preview.mp4", "preview.mp4.m4s", "trickplay/preview.mp4" })
        {
            using var response = await anonymous.GetAsync(Prefix + file);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{file}: {(int)response.StatusCode}");
        }

        using var unpublished = await anonymous.GetAsync("/media/0123456789abcdef/v1/preview.mp4");
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
    }

    [Fact]
    public async Task A_package_published_without_a_preview_names_none()
    {
        var assetId = fixture.Title.GetProperty("assetId").GetString()!;
        await SetHasPreviewAsync(assetId, false);
        try
        {
            var title = await fixture.Server.Http.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{fixture.TitleId}", TestContext.Current.CancellationToken);

            Assert.Equal(JsonValueKind.Null, title.GetProperty("preview").ValueKind);
            Assert.Equal(Prefix + "poster.jpg", title.GetProperty("poster").GetString());
        }
        finally
        {
            await SetHasPreviewAsync(assetId, true);
        }
    }

    private async Task SetHasPreviewAsync(string assetId, bool value)
    {
        await using var scope = fixture.Server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        await db.Assets.Where(a => a.Id == assetId).ExecuteUpdateAsync(s => s.SetProperty(a => a.HasPreview, value), TestContext.Current.CancellationToken);
    }
}
