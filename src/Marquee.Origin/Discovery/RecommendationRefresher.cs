using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Discovery;

/// <summary>
/// Keeps the model following the signals: every <see cref="DiscoveryOptions.RefreshSeconds"/> it rebuilds when plays,
/// progress, ratings or the catalog moved (or the charts are an hour old), and once an hour deletes playback starts
/// older than <see cref="DiscoveryOptions.HistoryDays"/>. With several origins, the rebuild lease lets one of them do it.
/// </summary>
internal sealed partial class RecommendationRefresher(IServiceScopeFactory scopes, IOptions<DiscoveryOptions> options, TimeProvider clock, ILogger<RecommendationRefresher> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
        var prunedAt = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(interval, clock);
        // The first look is one interval after start: a starting origin has its catalog to load first.
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var builder = scope.ServiceProvider.GetRequiredService<RecommendationBuilder>();
                if (await builder.DueStampAsync(MaxAge, stoppingToken) is { } stamp)
                {
                    await builder.RebuildAsync(stoppingToken, stamp);
                }

                if (clock.GetUtcNow() - prunedAt > MaxAge)
                {
                    var before = (clock.GetUtcNow() - TimeSpan.FromDays(options.Value.HistoryDays)).ToUnixTimeMilliseconds();
                    await scope.ServiceProvider.GetRequiredService<MarqueeDbContext>().PlaybackStarts.Where(p => p.AtMs < before).ExecuteDeleteAsync(stoppingToken);
                    prunedAt = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recommendations were not refreshed; the stored model keeps serving")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
