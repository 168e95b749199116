using System.Net;
using System.Net.Http.Headers;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Delivery;

/// <summary>The whole path on S3-compatible storage: transcode, publish to a real S3 server, serve ranges from it.</summary>
public sealed class S3OriginTests
{
    [Fact]
    public async Task A_title_published_to_s3_is_served_by_the_origin_with_ranges()
    {
        await using var s3 = await S3rverServer.StartAsync("marquee-origin");
        await using var origin = await OriginServer.StartAsync(null,
            "--Storage:Kind", "s3",
            "--Storage:S3:ServiceUrl", s3.ServiceUrl,
            "--Storage:S3:Bucket", s3.Bucket,
            "--Storage:S3:AccessKey", S3rverServer.AccessKey,
            "--Storage:S3:SecretKey", S3rverServer.SecretKey,
            "--Storage:S3:KeyPrefix", "site-a");

        var id = await origin.IngestAsync(await Clips.GetAsync(new ClipSpec(Seconds: 5)), "On S3");
        var title = await origin.WaitForTitleAsync(id);
        var prefix = title.GetProperty("hls").GetString()![..^"master.m3u8".Length];

        Assert.Empty(Directory.GetDirectories(Path.Combine(origin.DataPath, "objects")));
        using var edge = origin.EdgeHttp();
        var master = await edge.GetStringAsync(prefix + "master.m3u8");
        Assert.Contains("#EXT-X-STREAM-INF", master, StringComparison.Ordinal);
        var whole = await edge.GetByteArrayAsync(prefix + "seg-0-00001.m4s");
        using var request = new HttpRequestMessage(HttpMethod.Get, prefix + "seg-0-00001.m4s");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var partial = await edge.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(whole[1000..2000], await partial.Content.ReadAsByteArrayAsync());

        var (code, _, stderr) = await Tool.RunAsync("ffmpeg", ["-v", "error", "-protocol_whitelist", "http,tcp", "-i", new Uri(origin.Address, prefix + "master.m3u8?token=" + origin.MediaToken(prefix)).ToString(), "-map", "0:v:0", "-f", "null", "-"]);
        Assert.True(code == 0, stderr);
    }
}
