using System.Net.Http.Headers;
using System.Text;
using Marquee.Edge.Fill;
using Marquee.Media.Storage;
using Marquee.Origin.Tests.Accounts;
using Marquee.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Delivery;

/// <summary>Storage per region: the origin fills an edge from its region's bucket, and from the main bucket for what that one lacks.</summary>
public sealed class RegionBucketTests
{
    [Fact]
    public async Task An_edge_is_filled_from_its_regions_bucket_and_from_the_main_bucket_for_what_it_lacks()
    {
        await using var s3 = await S3rverServer.StartAsync("marquee-main", ["marquee-eu"]);
        var main = new S3StorageOptions { ServiceUrl = s3.ServiceUrl, Bucket = "marquee-main", AccessKey = S3rverServer.AccessKey, SecretKey = S3rverServer.SecretKey, KeyPrefix = "site" };
        await using var origin = await OriginServer.StartAsync(null,
            "--Storage:Kind", "s3", "--Storage:S3:ServiceUrl", s3.ServiceUrl, "--Storage:S3:Bucket", "marquee-main",
            "--Storage:S3:AccessKey", S3rverServer.AccessKey, "--Storage:S3:SecretKey", S3rverServer.SecretKey,
            "--Storage:S3:KeyPrefix", "site", "--Storage:S3:RegionBuckets:eu", "marquee-eu", "--Ingest:Workers", "0");
        var title = await TestAccounts.TitleAsync(origin, "Regional");
        string asset;
        await using (var db = TestDatabase.Open(origin.DataPath))
        {
            asset = (await db.Titles.SingleAsync(t => t.Id == title)).AssetId!;
        }

        using var mainStore = new S3ObjectStore(main);
        using var euStore = new S3ObjectStore(main.ForBucket("marquee-eu"));
        await PutAsync(mainStore, $"media/{asset}/v1/seg-0-00001.m4s", "from the main bucket");
        await PutAsync(euStore, $"media/{asset}/v1/seg-0-00001.m4s", "from the eu bucket");
        await PutAsync(mainStore, $"media/{asset}/v1/seg-0-00002.m4s", "not replicated yet");

        Assert.Equal("from the eu bucket", await FetchAsync(origin, $"/media/{asset}/v1/seg-0-00001.m4s", "eu"));
        Assert.Equal("from the main bucket", await FetchAsync(origin, $"/media/{asset}/v1/seg-0-00001.m4s", "us"));
        Assert.Equal("from the main bucket", await FetchAsync(origin, $"/media/{asset}/v1/seg-0-00001.m4s", null));
        Assert.Equal("not replicated yet", await FetchAsync(origin, $"/media/{asset}/v1/seg-0-00002.m4s", "eu"));
    }

    [Fact]
    public async Task A_bad_region_bucket_name_stops_the_origin_with_a_sentence()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => OriginServer.StartAsync(null,
            "--Storage:Kind", "s3", "--Storage:S3:ServiceUrl", "http://127.0.0.1:9", "--Storage:S3:Bucket", "marquee-main",
            "--Storage:S3:RegionBuckets:eu", "Not_A_Bucket"));

        Assert.Contains("Storage:S3:RegionBuckets:eu 'Not_A_Bucket' is not a valid bucket name", e.ToString(), StringComparison.Ordinal);
    }

    private static async Task PutAsync(S3ObjectStore store, string key, string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await store.PutAsync(key, content, "video/iso.segment", CancellationToken.None);
    }

    private static async Task<string> FetchAsync(OriginServer origin, string path, string? region)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", origin.EdgeKey);
        if (region is not null)
        {
            request.Headers.Add(UpstreamHeaders.Region, region);
        }

        using var response = await origin.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
