using System.Net;
using Marquee.TestSupport;

namespace Marquee.Edge.Tests.Fill;

/// <summary>Child edges fill from a parent edge with the edge key; the origin sees one fetch per object for the region.</summary>
public sealed class ParentTierTests
{
    [Fact]
    public async Task Two_children_through_one_parent_make_one_upstream_fetch()
    {
        await using var upstream = await TestUpstream.StartAsync();
        var segment = TestBytes.Make(400_000, seed: 21);
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", segment);
        upstream.Put(EdgeServer.Asset + "index.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\nseg-1.m4s\n#EXT-X-ENDLIST\n");
        await using var parent = await EdgeServer.StartAsync(upstream.Address, o => o.Id = "eu-parent");
        await using var first = await EdgeServer.StartAsync(upstream.Address, o =>
        {
            o.Id = "eu-1";
            o.Parent = parent.Address;
        });
        await using var second = await EdgeServer.StartAsync(upstream.Address, o =>
        {
            o.Id = "eu-2";
            o.Parent = parent.Address;
        });

        foreach (var child in new[] { first, second })
        {
            Assert.Equal(segment, await child.Http.GetByteArrayAsync(child.Url("seg-1.m4s")));
            var playlist = await child.Http.GetStringAsync(child.Url("index.m3u8"));
            Assert.Contains("seg-1.m4s?token=", playlist, StringComparison.Ordinal);
        }

        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + "seg-1.m4s"));
        Assert.Equal(1, upstream.Requests(EdgeServer.Asset + "index.m3u8"));
        Assert.All(upstream.Authorizations, a => Assert.Equal("Bearer " + EdgeServer.EdgeKey, a));
        // The parent counts a request as it finishes, which can be just after the child has the last byte.
        await Eventually.TrueAsync(() => parent.Metrics.Snapshot().Requests >= 4, "the parent counts four requests");
        Assert.Equal(4, parent.Metrics.Snapshot().Requests);
        // The parent cached the original playlist, not a viewer's rewrite.
        using var request = new HttpRequestMessage(HttpMethod.Get, EdgeServer.Asset + "index.m3u8");
        request.Headers.Authorization = new("Bearer", EdgeServer.EdgeKey);
        using var original = await parent.Http.SendAsync(request);
        Assert.DoesNotContain("token=", await original.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_refuses_viewers_the_parent_would_refuse_without_asking_it()
    {
        await using var upstream = await TestUpstream.StartAsync();
        await using var parent = await EdgeServer.StartAsync(upstream.Address);
        await using var child = await EdgeServer.StartAsync(upstream.Address, o => o.Parent = parent.Address);

        using var response = await child.Http.GetAsync(EdgeServer.Asset + "seg-1.m4s?token=" + child.Token(region: "us"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, parent.Metrics.Snapshot().Requests);
    }
}
