using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marquee.Origin.Steering;
using Marquee.Origin.Web;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Web;

/// <summary>The origin serving the built web app: caching, deep links, compression, and no swallowing of API paths.</summary>
/// <remarks>Every case only reads, so the class shares one origin serving a small stand-in build.</remarks>
public sealed class WebAppHostingTests(StandInWebApp site) : IClassFixture<StandInWebApp>
{
    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/admin/edges", HttpStatusCode.OK)]
    [InlineData("/index.html", HttpStatusCode.OK)]
    // A link to a title that is not there: the app still loads and says so, and the status tells crawlers.
    [InlineData("/title/abc123", HttpStatusCode.NotFound)]
    [InlineData("/watch/abc123?title=xyz", HttpStatusCode.NotFound)]
    public async Task App_routes_answer_the_page_revalidated_on_every_load_with_a_strict_policy(string path, HttpStatusCode status)
    {
        using var response = await site.Server.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.NoCache);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Hashed_assets_are_immutable_and_compressed_for_browsers_that_ask()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/index-AbC123.js");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var response = await site.Server.Http.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        await using var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var text = new StreamReader(brotli);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal(string.Concat(Enumerable.Repeat(StandInWebApp.Script, 200)), await text.ReadToEndAsync());
        Assert.True(compressed.Length < StandInWebApp.Script.Length * 20, $"{compressed.Length} bytes compressed");
    }

    [Fact]
    public async Task A_copy_compressed_at_build_time_is_sent_as_it_is_to_browsers_that_accept_it()
    {
        using var brotliRequest = new HttpRequestMessage(HttpMethod.Get, "/assets/player-XyZ789.js");
        brotliRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        brotliRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var brotli = await site.Server.Http.SendAsync(brotliRequest);
        await using var decoded = new BrotliStream(await brotli.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var plainRequest = new HttpRequestMessage(HttpMethod.Get, "/assets/player-XyZ789.js");
        plainRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br", 0));
        using var plain = await site.Server.Http.SendAsync(plainRequest);

        Assert.Equal("br", brotli.Content.Headers.ContentEncoding.Single());
        Assert.Equal("text/javascript", brotli.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", brotli.Headers.CacheControl!.ToString());
        Assert.Contains("Accept-Encoding", brotli.Headers.Vary);
        Assert.Equal("console.log('brotli copy');", await new StreamReader(decoded).ReadToEndAsync());
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("console.log('plain copy');", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Files_outside_assets_are_revalidated()
    {
        using var response = await site.Server.Http.GetAsync("/favicon.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoCache);
    }

    /// <summary>
    /// The PWA: browsers register the service worker and install the manifest only with these types, and both must be
    /// revalidated, or a new build's worker (and with it the new app) would wait for a stale copy to expire.
    /// </summary>
    [Theory]
    [InlineData("/sw.js", "text/javascript")]
    [InlineData("/manifest.webmanifest", "application/manifest+json")]
    public async Task The_service_worker_and_the_manifest_have_their_types_and_are_revalidated(string path, string type)
    {
        using var response = await site.Server.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoCache);
        Assert.DoesNotContain("<div id=\"root\">", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/assets/missing-123.js")]
    [InlineData("/media/0123456789abcdef/v1/master.m3u8")]
    [InlineData("/openapi/nothing.json")]
    public async Task Server_paths_and_missing_files_keep_their_own_answers_instead_of_the_page(string path)
    {
        using var response = await site.Server.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<div id=\"root\">", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_built_app_the_page_says_how_to_build_it()
    {
        await using var bare = await OriginServer.StartAsync(null, "--Web:Root", TestPaths.NewScratchFolder("web-empty"));

        using var response = await bare.Http.GetAsync("/");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("npm", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_lets_media_come_from_every_registered_edge_and_nowhere_else()
    {
        var policy = ContentSecurityPolicy.For(
        [
            new EdgeNode { Id = "eu-1", Region = "eu", BaseUrl = "http://127.0.0.1:8101" },
            new EdgeNode { Id = "us-1", Region = "us", BaseUrl = "https://us-1.cdn.example.com/" },
            new EdgeNode { Id = "bad", Region = "us", BaseUrl = "not a url" },
        ]);

        var connect = policy.Split("; ").Single(d => d.StartsWith("connect-src", StringComparison.Ordinal));
        Assert.Equal("connect-src 'self' http://127.0.0.1:8101 https://us-1.cdn.example.com", connect);
        Assert.Contains("media-src 'self' http://127.0.0.1:8101 https://us-1.cdn.example.com data: blob:", policy, StringComparison.Ordinal);
    }

    /// <summary>The web app's API types are generated from web/openapi.json; this keeps that copy true to the origin.</summary>
    [Fact]
    public async Task The_web_apps_copy_of_the_openapi_document_matches_what_the_origin_serves()
    {
        var served = JsonNode.Parse(await site.Server.Http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        served.Remove("servers");

        var copy = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "web", "openapi.json")));

        Assert.True(JsonNode.DeepEquals(served, copy),
            "web/openapi.json is out of date: with the origin running, run npm run openapi in web/ and rebuild the web app.");
    }
}
