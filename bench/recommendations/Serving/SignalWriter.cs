using System.Diagnostics;
using System.Globalization;
using Marquee.Bench.Search.Dataset;
using Marquee.Origin.Accounts;
using Marquee.Origin.Data;
using Marquee.Origin.Discovery;
using Marquee.Origin.Hosting;
using Marquee.Origin.Playback;
using Marquee.Origin.Progress;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// Writes the signals the model reads straight into their tables through the origin's EF model, as the playback,
/// progress and ratings endpoints would have left them: <c>playback_starts</c> (profile, title, region, time),
/// <c>watch_progress</c> (how far, of how long) and <c>ratings</c>. The profiles with history get an account each,
/// written directly (nobody signs in as them, so no password hashing); the measured viewer's history is written the
/// same way into its existing profile.
/// </summary>
internal static class SignalWriter
{
    private const int BatchRows = 20_000;
    private const long DayMs = 86_400_000;

    public static async Task<SignalSummary> WriteAsync(
        WebApplication app, GeneratedCatalog catalog, ServingArguments args, string viewerProfileId, long nowMs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var histories = new TasteHistories(catalog, args.Seed + 100, nowMs);
        var pending = new List<object>();
        var counts = new int[4]; // progress, starts, starts in the last day, ratings

        async Task Flush()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.AddRange(pending);
            await db.SaveChangesAsync(cancellationToken);
            pending.Clear();
        }

        async Task Add(string profileId, int region, List<HistoryEvent> history)
        {
            foreach (var e in history)
            {
                AddRows(pending, catalog.Titles[e.Title], profileId, TasteHistories.Regions[region].Region, e, nowMs, counts);
            }

            if (pending.Count >= BatchRows)
            {
                await Flush();
            }
        }

        // The measured viewer is in the US (loopback resolves there), as the region its browse shows.
        var viewerHistory = histories.Profile(0, args.ViewerHistory);
        await Add(viewerProfileId, 0, viewerHistory);
        for (var i = 0; i < args.Profiles; i++)
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"taste{i}@bench.example");
            var user = new MarqueeUser
            {
                Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"), PlanId = "premium", CreatedAtMs = nowMs - (60 * DayMs),
            };
            var profile = new Profile { Id = Ids.New(), UserId = user.Id, Name = "Main", CreatedAtMs = user.CreatedAtMs };
            pending.Add(user);
            pending.Add(profile);
            var region = histories.PickRegion();
            await Add(profile.Id, region, histories.Profile(region, args.History));
        }

        await Flush();
        return new SignalSummary(args.Profiles, viewerHistory.Count, counts[0], counts[1], counts[2], counts[3], Math.Round(clock.Elapsed.TotalSeconds, 1));
    }

    private static void AddRows(List<object> rows, GeneratedTitle title, string profileId, string region, HistoryEvent e, long nowMs, int[] counts)
    {
        var duration = title.RuntimeMinutes * 60.0;
        rows.Add(new WatchProgress
        {
            ProfileId = profileId, PlayableId = title.Id, TitleId = title.Id,
            PositionSeconds = Math.Round(Math.Min(e.Fraction, 1.0) * duration), DurationSeconds = duration, UpdatedAtMs = e.AtMs,
        });
        counts[0]++;
        for (var start = 0; start < e.Starts; start++)
        {
            // A rewatch's first viewing was some days earlier.
            var atMs = e.AtMs - ((e.Starts - 1 - start) * 3 * DayMs) - (long)(e.Fraction * duration * 1000);
            rows.Add(new PlaybackStart { AssetId = title.AssetId, Version = 1, Region = region, AtMs = atMs, ProfileId = profileId, TitleId = title.Id });
            counts[1]++;
            if (atMs >= nowMs - DayMs)
            {
                counts[2]++;
            }
        }

        if (e.Rating is { } rating)
        {
            rows.Add(new Rating { ProfileId = profileId, TitleId = title.Id, Value = (RatingValue)rating, UpdatedAtMs = e.AtMs });
            counts[3]++;
        }
    }
}
