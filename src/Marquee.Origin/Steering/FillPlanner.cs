using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
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
/// at most once a minute per region; every heartbeat of the region's edges gets the same list, and an edge that says
/// it holds this list's version gets it without the keys (<see cref="FillPlan.Unchanged"/>).
/// </summary>
public sealed class FillPlanner(IServiceScopeFactory scopes, IObjectStore store, IOptions<FillOptions> options, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, RegionPlan> plans = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The region's plan; without its keys when <paramref name="heldVersion"/> is the current list's version.</summary>
    public async Task<FillPlan> PlanAsync(string region, string? heldVersion, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Titles == 0 || settings.RateBytesPerSecond == 0)
        {
            return FillPlan.None;
        }

        // Every heartbeat asks: a fresh plan is answered without the gate, and while one heartbeat recomputes a stale
        // plan the others get the stale one, so heartbeats never queue behind a listing of thousands of objects.
        var now = clock.GetUtcNow();
        if (!plans.TryGetValue(region, out var plan) || !plan.FreshAt(now))
        {
            if (plan is not null && !await gate.WaitAsync(0, cancellationToken))
            {
                return heldVersion == plan.Full.Version ? plan.Unchanged : plan.Full;
            }

            if (plan is null)
            {
                await gate.WaitAsync(cancellationToken);
            }

            try
            {
                if (!plans.TryGetValue(region, out plan) || !plan.FreshAt(now))
                {
                    plan = RegionPlan.Of(now, settings, await ComputeAsync(region, now, settings, cancellationToken));
                    plans[region] = plan;
                }
            }
            finally
            {
                gate.Release();
            }
        }

        return heldVersion == plan.Full.Version ? plan.Unchanged : plan.Full;
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

    /// <summary>A region's list as computed at <paramref name="At"/>, ready to answer with: in full, and without its keys.</summary>
    private sealed record RegionPlan(DateTimeOffset At, FillPlan Full, FillPlan Unchanged)
    {
        public static RegionPlan Of(DateTimeOffset at, FillOptions settings, IReadOnlyList<string> keys)
        {
            // The version names the keys only: window and rate are in every reply anyway.
            var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', keys))))[..16];
            return new RegionPlan(at, new FillPlan(settings.Window, settings.RateBytesPerSecond, keys, version),
                new FillPlan(settings.Window, settings.RateBytesPerSecond, [], version, Unchanged: true));
        }

        public bool FreshAt(DateTimeOffset now) => now - At <= Reuse && now >= At;
    }
}
