using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Community;

/// <summary>Keeps this origin's <see cref="TasteIndex"/> within <see cref="CommunityOptions.MatchRefreshSeconds"/> of the database.</summary>
internal sealed partial class TasteRefresher(IServiceScopeFactory scopes, TasteIndex index, IOptions<CommunityOptions> options, TimeProvider clock, ILogger<TasteRefresher> logger)
    : BackgroundService
{
    private string? stamp;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.MatchRefreshSeconds), clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<TasteReader>();
        var now = await reader.StampAsync(cancellationToken);
        if (now == stamp)
        {
            return;
        }

        index.Load(await reader.OptedInAsync(cancellationToken));
        stamp = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the people to match failed; the previous index stays")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
