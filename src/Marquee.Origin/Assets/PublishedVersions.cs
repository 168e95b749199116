using System.Collections.Concurrent;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Assets;

/// <summary>
/// Which version of each asset is published, cached in memory. A published version never changes its content,
/// so a positive answer can be cached forever; anything else is asked of the database each time.
/// </summary>
public sealed class PublishedVersions(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, int> versions = new(StringComparer.Ordinal);

    /// <summary>Raised after this process publishes a version, so its catalog can show the title without waiting for a poll.</summary>
    public event Action<string>? Published;

    public void Set(string assetId, int version)
    {
        versions[assetId] = version;
        Published?.Invoke(assetId);
    }

    public async Task<bool> IsPublishedAsync(string assetId, int version, CancellationToken cancellationToken)
    {
        if (versions.TryGetValue(assetId, out var known) && known == version)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var current = await db.Assets.AsNoTracking()
            .Where(a => a.Id == assetId && a.Status == AssetStatus.Ready)
            .Select(a => (int?)a.PublishedVersion)
            .SingleOrDefaultAsync(cancellationToken);
        if (current is { } v && v > 0)
        {
            versions[assetId] = v;
        }

        return current == version;
    }
}
