using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Parties;

/// <summary>
/// Time-driven party changes, on every origin: a wait for everyone that ran out starts playing; a member whose player
/// went silent here is dropped (so nobody waits on a dead member); members of an origin that went away, unseen in
/// the database, are dropped by whichever origin sweeps first; expired parties end, and old ones are deleted.
/// </summary>
internal sealed partial class PartySweeper(IServiceScopeFactory scopes, PartyPresence presence, IOptions<PartyOptions> options, TimeProvider clock, ILogger<PartySweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private const long UnseenMs = 45_000;
    private const long KeepEndedMs = 3_600_000;
    private long lastDatabaseSweepMs;
    private long lastCleanupMs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var silent = presence.SilentSince(now - options.Value.MemberTimeoutSeconds * 1000L);
        var databaseSweep = now - lastDatabaseSweepMs >= 5_000;
        if (silent.Count == 0 && !databaseSweep && presence.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        foreach (var member in silent)
        {
            // Out of the presence first, so the disconnection the abort causes does not announce a plain "left".
            try
            {
                await services.GetRequiredService<PartyMembership>().LeaveAsync(member, "dropped", cancellationToken);
            }
            finally
            {
                member.Abort();
            }
        }

        var db = services.GetRequiredService<MarqueeDbContext>();
        var waiting = await db.Parties.AsNoTracking().Where(p => p.WaitingUntilMs != null && p.WaitingUntilMs <= now && p.EndedAtMs == null)
            .Select(p => p.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in waiting)
        {
            await services.GetRequiredService<PartyCommands>().TryEndWaitAsync(id, cancellationToken);
        }

        if (!databaseSweep)
        {
            return;
        }

        lastDatabaseSweepMs = now;
        await services.GetRequiredService<PartyMembership>().DropUnseenAsync(now - UnseenMs, cancellationToken);
        var expired = await db.Parties.AsNoTracking().Where(p => p.EndedAtMs == null && p.ExpiresAtMs <= now).Select(p => p.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var id in expired)
        {
            await services.GetRequiredService<PartyHostActions>().EndAsync(id, "The party's invite has expired.", cancellationToken);
        }

        if (now - lastCleanupMs >= 60_000)
        {
            lastCleanupMs = now;
            await db.Parties.Where(p => p.EndedAtMs < now - KeepEndedMs || p.ExpiresAtMs < now - KeepEndedMs).ExecuteDeleteAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping watch parties failed; the next tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
