using System.Globalization;
using Marquee.Origin.Assets;
using Marquee.Origin.SharedState;
using Microsoft.Extensions.Hosting;

namespace Marquee.Origin.Catalog;

/// <summary>
/// Tells every origin at once that the catalog changed (an admin edit on any origin, a package published by any
/// worker), over Redis, so each one's <see cref="CatalogSync"/> runs now instead of at its next poll. The notice
/// carries nothing but the sender: the database stays the one source of truth, and the poll still catches anything
/// sent while Redis was down.
/// </summary>
public sealed class CatalogChanges(RedisConnection redis, PublishedVersions published) : IHostedService
{
    public const string Channel = "catalog-changed";

    /// <summary>Raised when another process (or this one, through Redis) announced a change.</summary>
    public event Action? Changed;

    public Task AnnounceAsync() => redis.PublishAsync(Channel, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        published.Published += _ => AnnounceAsync();
        await redis.SubscribeAsync(Channel, _ => Changed?.Invoke());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
