using System.Net;
using System.Text;
using Marquee.Edge.Tokens;

namespace Marquee.Edge.Tests.Delivery;

/// <summary>
/// Every refused request is refused before the cache: the object is cached first by a valid request, then
/// each bad request must get a problem (403 or 410, no-store) and none of the object's bytes.
/// </summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string Secret = "SECRET-SEGMENT-BYTES-";
    private static readonly byte[] Object = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(Secret, 200)));

    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", Object);
        edge = await EdgeServer.StartAsync(upstream.Address);
        var primed = await edge.Http.GetByteArrayAsync(edge.Url("seg-1.m4s"));
        Assert.Equal(Object, primed);
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    public static TheoryData<string> BadTokens => ["missing", "empty", "tampered-payload", "tampered-mac", "unknown-key", "wrong-asset", "wrong-region", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_tokens_are_forbidden_and_get_nothing_from_the_cache(string kind)
    {
        var good = edge.Token();
        var parts = good.Split('.');
        var target = kind switch
        {
            "missing" => EdgeServer.Asset + "seg-1.m4s",
            "empty" => EdgeServer.Asset + "seg-1.m4s?token=",
            "tampered-payload" => EdgeServer.Asset + "seg-1.m4s?token=" + parts[0] + "." + Flip(parts[1]) + "." + parts[2],
            "tampered-mac" => EdgeServer.Asset + "seg-1.m4s?token=" + parts[0] + "." + parts[1] + "." + Flip(parts[2]),
            "unknown-key" => EdgeServer.Asset + "seg-1.m4s?token=" + PlaybackToken.Sign(
                new PlaybackClaims(EdgeServer.Asset, DateTimeOffset.UtcNow.AddHours(1), ["eu"], "s", 0), new TokenKey("kz", new byte[32])),
            "wrong-asset" => EdgeServer.Asset + "seg-1.m4s?token=" + edge.Token(prefix: "/media/0000000000000000/v1/"),
            "wrong-region" => EdgeServer.Asset + "seg-1.m4s?token=" + edge.Token(region: "us"),
            _ => EdgeServer.Asset + "seg-1.m4s?token=not.a-token",
        };

        var (status, head, body) = await RawHttp.GetAsync(edge.Address, target);

        Assert.Equal(403, status);
        AssertRefusal(head, body);
    }

    [Fact]
    public async Task An_expired_token_is_gone_410()
    {
        var expired = edge.Token(validFor: TimeSpan.FromSeconds(-1));

        var (status, head, body) = await RawHttp.GetAsync(edge.Address, EdgeServer.Asset + "seg-1.m4s?token=" + expired);

        Assert.Equal(410, status);
        AssertRefusal(head, body);
    }

    public static TheoryData<string> BadTargets =>
    [
        "/media/3a94fc793ee6afd1/v1/../v1/seg-1.m4s",
        "/media/3a94fc793ee6afd1/v1/%2e%2e/v1/seg-1.m4s",
        "/media/3a94fc793ee6afd1/v1/%2E%2E/v1/seg-1.m4s",
        "/media/3a94fc793ee6afd1/v1/..%5cv1%5cseg-1.m4s",
        "/media/3a94fc793ee6afd1/v1%2fseg-1.m4s",
        "/media/3a94fc793ee6afd1/v1/seg%2d1.m4s",
        "/media/3a94fc793ee6afd1/v1/./seg-1.m4s",
        "/media/3a94fc793ee6afd1/v1//seg-1.m4s",
    ];

    [Theory]
    [MemberData(nameof(BadTargets))]
    public async Task Traversal_and_encoded_paths_are_forbidden_even_with_a_valid_token(string path)
    {
        var (status, head, body) = await RawHttp.GetAsync(edge.Address, path + "?token=" + edge.Token());

        Assert.Equal(403, status);
        AssertRefusal(head, body);
    }

    [Fact]
    public async Task A_duplicated_token_parameter_is_forbidden()
    {
        var token = edge.Token();

        var (status, head, body) = await RawHttp.GetAsync(edge.Address, EdgeServer.Asset + "seg-1.m4s?token=" + token + "&token=" + token);

        Assert.Equal(403, status);
        AssertRefusal(head, body);
    }

    [Fact]
    public async Task A_wrong_edge_key_is_not_an_edge()
    {
        var (status, head, body) = await RawHttp.GetAsync(edge.Address, EdgeServer.Asset + "seg-1.m4s", "Bearer " + EdgeServer.EdgeKey + "x");

        Assert.Equal(403, status);
        AssertRefusal(head, body);
    }

    [Fact]
    public async Task The_edge_key_passes_without_a_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, EdgeServer.Asset + "seg-1.m4s");
        request.Headers.Authorization = new("Bearer", EdgeServer.EdgeKey);

        using var response = await edge.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Object, await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.Age.HasValue, "a child edge needs Age to count freshness from our fetch");
    }

    [Fact]
    public async Task Tokens_of_every_key_in_the_ring_pass_until_their_key_is_removed()
    {
        var byA = edge.Token(key: EdgeServer.KeyA);
        var byB = edge.Token(key: EdgeServer.KeyB);
        Assert.Equal(HttpStatusCode.OK, (await edge.Http.GetAsync(edge.Url("seg-1.m4s", byA))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.Http.GetAsync(edge.Url("seg-1.m4s", byB))).StatusCode);

        edge.Keys.Replace([EdgeServer.KeyB]);

        var (status, head, body) = await RawHttp.GetAsync(edge.Address, edge.Url("seg-1.m4s", byA));
        Assert.Equal(403, status);
        AssertRefusal(head, body);
        Assert.Equal(HttpStatusCode.OK, (await edge.Http.GetAsync(edge.Url("seg-1.m4s", byB))).StatusCode);
        // Tokens are not part of the cache key: every one of these was the object cached by the first request.
        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + "seg-1.m4s"));
    }

    [Fact]
    public async Task Refusals_never_reach_the_upstream()
    {
        var before = upstream.TotalRequests;

        await RawHttp.GetAsync(edge.Address, EdgeServer.Asset + "not-cached.m4s");
        await RawHttp.GetAsync(edge.Address, EdgeServer.Asset + "not-cached.m4s?token=" + edge.Token(region: "us"));

        Assert.Equal(before, upstream.TotalRequests);
    }

    private static void AssertRefusal(string head, byte[] body)
    {
        Assert.Contains("application/problem+json", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Cache-Control: no-store", head, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, Encoding.ASCII.GetString(body), StringComparison.Ordinal);
    }

    // Changes one character in the middle to another base64url character.
    private static string Flip(string part)
    {
        var chars = part.ToCharArray();
        var i = chars.Length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
