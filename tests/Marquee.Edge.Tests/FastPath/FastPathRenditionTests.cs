using Marquee.TestSupport;

namespace Marquee.Edge.Tests.FastPath;

/// <summary>
/// A plan's cap holds on the fast path: a segment of a rendition above the viewer's cap is refused (403) even
/// when it is cached and the same connection has just been served a rendition it may have.
/// </summary>
public sealed class FastPathRenditionTests : IAsyncLifetime
{
    private const string Mpd = """
        <?xml version="1.0" encoding="utf-8"?>
        <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT4S">
          <Period id="0">
            <AdaptationSet id="0" contentType="video">
              <Representation id="0" mimeType="video/mp4" codecs="avc1.64001f" bandwidth="800000" width="854" height="480">
                <SegmentTemplate timescale="1000" duration="4000" initialization="init-$RepresentationID$.m4s" media="seg-$RepresentationID$-$Number%05d$.m4s" startNumber="1"/>
              </Representation>
              <Representation id="1" mimeType="video/mp4" codecs="avc1.640028" bandwidth="5000000" width="1920" height="1080">
                <SegmentTemplate timescale="1000" duration="4000" initialization="init-$RepresentationID$.m4s" media="seg-$RepresentationID$-$Number%05d$.m4s" startNumber="1"/>
              </Representation>
            </AdaptationSet>
          </Period>
        </MPD>

        """;

    private static readonly byte[] Low = TestBytes.Make(4000, 5);
    private static readonly byte[] High = TestBytes.Make(9000, 6);

    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        upstream.Put(EdgeServer.Asset + "manifest.mpd", Mpd);
        upstream.Put(EdgeServer.Asset + "seg-0-00001.m4s", Low);
        upstream.Put(EdgeServer.Asset + "seg-1-00001.m4s", High);
        edge = await EdgeServer.StartAsync(upstream.Address);
        // Both renditions cached and hot, fetched by an uncapped viewer.
        foreach (var name in new[] { "seg-0-00001.m4s", "seg-1-00001.m4s" })
        {
            await edge.Http.GetByteArrayAsync(edge.Url(name));
            await Eventually.TrueAsync(() => edge.Disk.TryGet(EdgeServer.Asset[1..] + name, out _), $"{name} is on disk");
            await edge.Http.GetByteArrayAsync(edge.Url(name));
            await edge.Http.GetByteArrayAsync(edge.Url(name));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_480p_viewer_gets_the_480p_segment_and_403_for_the_cached_1080p_one_on_the_same_connection()
    {
        var capped = edge.Token(maxHeight: 480);
        await using var connection = await RawConnection.OpenAsync(edge.Address);

        // Twice each: the first verifies the token the whole way, the second may take the fast path.
        for (var i = 0; i < 2; i++)
        {
            await connection.SendAsync(RawConnection.Get(edge.Url("seg-0-00001.m4s", capped)), RawConnection.Get(edge.Url("seg-1-00001.m4s", capped)));
            var allowed = await connection.ReadAsync();
            var refused = await connection.ReadAsync();

            Assert.Equal(200, allowed.Status);
            Assert.Equal(Low, allowed.Body);
            Assert.Equal(403, refused.Status);
            Assert.Contains("480p", System.Text.Encoding.UTF8.GetString(refused.Body), StringComparison.Ordinal);
        }

        await connection.SendAsync(RawConnection.Get(edge.Url("seg-1-00001.m4s")));
        Assert.Equal(High, (await connection.ReadAsync()).Body);
    }
}
