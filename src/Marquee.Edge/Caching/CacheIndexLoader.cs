using Marquee.Edge.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marquee.Edge.Caching;

/// <summary>
/// Rebuilds the disk index in the host's Starting phase, which runs before any service starts, the server
/// included: no request can see a half-loaded cache or fill a key whose file is about to be read back.
/// </summary>
internal sealed class CacheIndexLoader(DiskTier disk, EdgeOptions options, ILogger<CacheIndexLoader> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        EdgeLog.Starting(logger, options.Id, options.Region, options.Upstream, options.CacheDirectory, options.CacheSizeBytes, options.EffectiveMemoryBytes);
        disk.Load(cancellationToken);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
