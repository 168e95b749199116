using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Catalog;

/// <summary>Changes written by another process (another origin, a separate worker) reach this origin's browse and search.</summary>
public sealed class CatalogSyncTests
{
    [Fact]
    public async Task A_title_published_by_another_process_appears_and_an_unpublished_one_leaves()
    {
        await using var server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Catalog:SyncInterval", "00:00:00.300");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var title = new Title
        {
            Id = Ids.New(), Name = "From Elsewhere", Slug = "from-elsewhere", AssetId = Ids.New(), MaturityRating = 0,
            Published = true, PublishedAtMs = now, CreatedAtMs = now, UpdatedAtMs = now,
        };
        title.Licences.Add(new Licence { Id = Ids.New(), TitleId = title.Id, Country = Licence.Everywhere, Tier = LicenceTier.Subscription });

        // Written through a context of its own, as another process would: the server's services are not told.
        await using (var other = TestDatabase.Open(server.DataPath))
        {
            other.Titles.Add(title);
            other.Assets.Add(new MediaAsset { Id = title.AssetId, Status = AssetStatus.Ready, PublishedVersion = 1, UpdatedAtMs = now });
            await other.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(async () => (await SearchAsync(server, "elsewhere")).Contains(title.Id), "the other process's title is found", TimeSpan.FromSeconds(15));

        await using (var other = TestDatabase.Open(server.DataPath))
        {
            var row = await other.Titles.FindAsync([title.Id], TestContext.Current.CancellationToken);
            row!.Published = false;
            row.UpdatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await other.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(async () => !(await SearchAsync(server, "elsewhere")).Contains(title.Id), "the unpublished title leaves", TimeSpan.FromSeconds(15));
    }

    private static async Task<List<string>> SearchAsync(OriginServer server, string q)
    {
        var page = await server.Http.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={q}");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }
}
