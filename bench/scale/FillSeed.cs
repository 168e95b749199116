using System.Globalization;
using Marquee.Media.Storage;
using Marquee.Origin;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Playback;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Bench.Scale;

/// <summary>
/// Gives every region a fill list as a watched service has one, before the origin starts: <c>titles</c> ready assets,
/// each with the objects of a 20-minute programme in four rungs (a master and four media playlists, four init segments
/// and 300 four-second segments a rung: 1,209 objects of one byte in the origin's store), and a playback start of each
/// in every region. Every heartbeat reply then carries the region's list: 12,090 keys for 10 titles.
/// </summary>
internal static class FillSeed
{
    public const int Rungs = 4;
    public const int SegmentsPerRung = 300;
    public const int ObjectsPerTitle = 1 + (Rungs * (2 + SegmentsPerRung));

    public static async Task RunAsync(string dataDir, IReadOnlyDictionary<string, string> settings, int titles, IReadOnlyList<string> regions, CancellationToken cancellationToken)
    {
        var args = new List<string> { "--Data", dataDir, "--urls", "http://127.0.0.1:0" };
        foreach (var (key, value) in Origins.Common.Concat(settings))
        {
            args.AddRange(["--" + key, value]);
        }

        args.AddRange(["--Logging:LogLevel:Default", "Error", "--Logging:LogLevel:Microsoft.EntityFrameworkCore", "None"]);
        await using var app = OriginApp.Build([.. args]);
        await OriginApp.InitializeAsync(app, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var store = app.Services.GetRequiredService<IObjectStore>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var t = 0; t < titles; t++)
        {
            var asset = new MediaAsset { Id = Ids.New(), Status = AssetStatus.Ready, PublishedVersion = 1 };
            db.Assets.Add(asset);
            foreach (var name in ObjectNames())
            {
                await store.PutAsync($"media/{asset.Id}/v1/{name}", new MemoryStream([0]), "application/octet-stream", cancellationToken);
            }

            // More starts for earlier titles, so the popularity order is a real one.
            foreach (var region in regions)
            {
                for (var s = 0; s < titles - t; s++)
                {
                    db.PlaybackStarts.Add(new PlaybackStart { AssetId = asset.Id, Version = 1, Region = region, AtMs = now - 60_000 });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static IEnumerable<string> ObjectNames()
    {
        yield return "master.m3u8";
        for (var rung = 0; rung < Rungs; rung++)
        {
            var r = rung.ToString(CultureInfo.InvariantCulture);
            yield return $"media_{r}.m3u8";
            yield return $"init-{r}.m4s";
            for (var segment = 1; segment <= SegmentsPerRung; segment++)
            {
                yield return $"seg-{r}-{segment.ToString("D5", CultureInfo.InvariantCulture)}.m4s";
            }
        }
    }
}
