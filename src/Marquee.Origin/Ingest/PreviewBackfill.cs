using Marquee.Media;
using Marquee.Media.Pipeline;
using Marquee.Media.Preview;
using Marquee.Media.Probing;
using Marquee.Media.Storage;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Ingest;

/// <summary>
/// Gives assets published before previews existed their public preview (<c>marquee previews</c>): for every ready
/// asset without one, cuts it from the published package (<see cref="PackagePreview"/>), stores it beside the
/// package and only then records it, so the catalog never names a preview that is not there. An asset republished
/// meanwhile keeps what its new package says. Safe to run again: it only looks at assets still without a preview.
/// </summary>
public sealed partial class PreviewBackfill(
    MarqueeDbContext db,
    IObjectStore store,
    DataDirectory data,
    FfmpegOptions ffmpeg,
    IOptions<InputLimits> limits,
    ILogger<PreviewBackfill> logger)
{
    public sealed record Outcome(int Cut, int Failed);

    public async Task<Outcome> RunAsync(CancellationToken cancellationToken)
    {
        var assets = await db.Assets.AsNoTracking()
            .Where(a => a.Status == AssetStatus.Ready && a.PublishedVersion > 0 && !a.HasPreview)
            .OrderBy(a => a.CreatedAtMs)
            .Select(a => new { a.Id, a.PublishedVersion, a.DurationSeconds })
            .ToListAsync(cancellationToken);
        var cut = 0;
        var failed = 0;
        var previews = new PackagePreview(store, ffmpeg, limits.Value.AllowedContainers, logger);
        foreach (var asset in assets)
        {
            var work = Path.Combine(data.Work, "preview-" + asset.Id);
            try
            {
                if (await previews.CutAsync(PackagePublisher.Prefix(asset.Id, asset.PublishedVersion), TimeSpan.FromSeconds(asset.DurationSeconds), work, cancellationToken))
                {
                    await db.Assets.Where(a => a.Id == asset.Id && a.PublishedVersion == asset.PublishedVersion)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.HasPreview, true), cancellationToken);
                    cut++;
                    LogCut(asset.Id, asset.PublishedVersion);
                }
                else
                {
                    failed++;
                    LogFailed(asset.Id, asset.PublishedVersion, "the package has no usable rendition");
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
            {
                failed++;
                LogFailed(asset.Id, asset.PublishedVersion, e.Message.Replace(data.Root, "{data}", StringComparison.Ordinal));
            }
            finally
            {
                if (Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        }

        return new Outcome(cut, failed);
    }

    [LoggerMessage(LogLevel.Information, "Cut the preview of asset {AssetId} version {Version} from its package")]
    private partial void LogCut(string assetId, int version);

    [LoggerMessage(LogLevel.Warning, "No preview for asset {AssetId} version {Version}: {Reason}")]
    private partial void LogFailed(string assetId, int version, string reason);
}
