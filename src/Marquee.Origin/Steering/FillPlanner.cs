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

    /// <summary>
    /// Packages' object lists by prefix (<c>media/{asset}/v{version}/</c>). A ready, published version is never written
    /// again (a new encode is a new version), so its listing is read from the store once rather than every minute:
    /// 12,000 keys for ten titles in each of three regions was most of what a recomputed plan cost. The one exception,
    /// <c>marquee previews</c> adding a preview clip to an older package, reaches the lists when the origin restarts;
    /// until then edges fetch that clip when asked, like anything not pre-filled.
    /// </summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> listings = new(StringComparer.Ordinal);

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
                    var (keys, prefixes) = await ComputeAsync(region, now, settings, cancellationToken);
                    plan = RegionPlan.Of(now, settings, keys, prefixes);
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

    private async Task<(IReadOnlyList<string> Keys, IReadOnlyList<string> Prefixes)> ComputeAsync(string region, DateTimeOffset now, FillOptions settings, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
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

            var prefix = $"media/{item.AssetId}/v{item.Version}/";
            if (!listings.TryGetValue(prefix, out var objects))
            {
                objects = await ListAsync(prefix, cancellationToken);
            }

            listed[prefix] = objects;
            keys.AddRange(objects);
        }

        // Only the listings of this region's current plan and the other regions' stay (a few dozen packages at most).
        foreach (var prefix in listings.Keys.Where(p => !listed.ContainsKey(p) && !plans.Values.Any(plan => plan.Prefixes.Contains(p))))
        {
            listings.TryRemove(prefix, out _);
        }

        foreach (var (prefix, objects) in listed)
        {
            listings[prefix] = objects;
        }

        return (keys, listed.Keys.ToList());
    }

    /// <summary>A package's objects in fill order: playlists first, then the rest by name (rung by rung, lowest first).</summary>
    private async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<string>();
        await foreach (var key in store.ListAsync(prefix, cancellationToken))
        {
            objects.Add("/" + key);
        }

        return [.. objects.OrderBy(k => k.EndsWith(".m3u8", StringComparison.Ordinal) || k.EndsWith(".mpd", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(k => k, StringComparer.Ordinal)];
    }

    public void Dispose() => gate.Dispose();

    /// <summary>A region's list as computed at <paramref name="At"/>, ready to answer with: in full, and without its keys.</summary>
    private sealed record RegionPlan(DateTimeOffset At, FillPlan Full, FillPlan Unchanged, IReadOnlyList<string> Prefixes)
    {
        public static RegionPlan Of(DateTimeOffset at, FillOptions settings, IReadOnlyList<string> keys, IReadOnlyList<string> prefixes)
        {
            // The version names the keys only: window and rate are in every reply anyway.
            var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', keys))))[..16];
            return new RegionPlan(at, new FillPlan(settings.Window, settings.RateBytesPerSecond, keys, version),
                new FillPlan(settings.Window, settings.RateBytesPerSecond, [], version, Unchanged: true), prefixes);
        }

        public bool FreshAt(DateTimeOffset now) => now - At <= Reuse && now >= At;
    }
}
