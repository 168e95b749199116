using Marquee.Media.Storage;

namespace Marquee.Origin.Delivery;

/// <summary>
/// The per-region buckets of <c>Storage:S3:RegionBuckets</c>: edges of a region are filled from their region's
/// bucket, falling back to the main store for objects it does not hold yet (replication lags behind publishing).
/// </summary>
public sealed class RegionalStores(IReadOnlyDictionary<string, IObjectStore> stores) : IDisposable
{
    public IObjectStore? For(string? region) =>
        !string.IsNullOrEmpty(region) && stores.TryGetValue(region, out var store) ? store : null;

    public void Dispose()
    {
        foreach (var store in stores.Values)
        {
            (store as IDisposable)?.Dispose();
        }
    }
}
