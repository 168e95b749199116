using Marquee.Edge.ControlPlane;
using Marquee.Media.Storage;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Steering;

/// <summary>
/// Per-region pre-fill lists, as Open Connect does: the region's most-started assets of the lookback period,
/// every object of each (playlists first, then the rest by name: rung by rung, lowest first), most popular asset first. Computed
/// at most once a minute per region; every heartbeat of the region's edges gets the same list.
/// </summary>
public sealed class FillPlanner(IServiceScopeFactory scopes, IObjectStore store, IOptions<FillOptions> options, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (DateTimeOffset At, IReadOnlyList<string> Keys)> plans = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<FillPlan> PlanAsync(string region, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Titles == 0 || settings.RateBytesPerSecond == 0)
        {
            return FillPlan.None;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (!plans.TryGetValue(region, out var plan) || now - plan.At > Reuse || now < plan.At)
            {
                plan = (now, await ComputeAsync(region, now, settings, cancellationToken));
                plans[region] = plan;
            }

            return new FillPlan(settings.Window, settings.RateBytesPerSecond, plan.Keys);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets computed lists, so the next heartbeat sees new popularity at once (tests, admin actions).</summary>
    public void Invalidate()
    {
        gate.Wait();
        plans.Clear();
        gate.Release();
    }

    private async Task<IReadOnlyList<string>> ComputeAsync(string region, DateTimeOffset now, FillOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var since = (now - settings.Lookback).ToUnixTimeMilliseconds();
        var popular = await db.PlaybackStarts.AsNoTracking()
            .Where(p => p.Region == region && p.AtMs >= since)
            .GroupBy(p => new { p.AssetId, p.Version })
            .Select(g => new { g.Key.AssetId, g.Key.Version, Starts = g.Count() })
            .OrderByDescending(g => g.Starts).ThenBy(g => g.AssetId)
            .Take(settings.Titles * 2)
            .ToListAsync(cancellationToken);
        var keys = new List<string>();
        var taken = 0;
        foreach (var item in popular)
        {
            if (taken == settings.Titles)
            {
                break;
            }

            if (!await db.Assets.AsNoTracking().AnyAsync(a => a.Id == item.AssetId && a.PublishedVersion == item.Version && a.Status == AssetStatus.Ready, cancellationToken))
            {
                continue;
            }

            taken++;

            var objects = new List<string>();
            await foreach (var key in store.ListAsync($"media/{item.AssetId}/v{item.Version}/", cancellationToken))
            {
                objects.Add("/" + key);
            }

            keys.AddRange(objects.OrderBy(k => k.EndsWith(".m3u8", StringComparison.Ordinal) || k.EndsWith(".mpd", StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(k => k, StringComparer.Ordinal));
        }

        return keys;
    }

    public void Dispose() => gate.Dispose();
}
