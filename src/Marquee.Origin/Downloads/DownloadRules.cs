using System.Text.Json;
using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Entitlements;
using Marquee.Origin.Playback;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Downloads;

/// <summary>
/// Whether a profile may hold a download of something now: the playback rules (licence where the viewer is, plan,
/// maturity, through <see cref="EntitlementService"/>) plus the plan's downloads, and which rung it gets.
/// </summary>
public sealed class DownloadRules(MarqueeDbContext db, EntitlementService entitlements)
{
    public const string Gone = "This title is no longer on the service.";

    /// <summary>
    /// The decision for <paramref name="playable"/> and, when it does not stand, the sentence why. With
    /// <paramref name="heldHeight"/> (a download already made) a plan whose cap is now lower does not stand either.
    /// </summary>
    public async Task<(EntitlementDecision Decision, string? Reason)> CheckAsync(
        MarqueeUser user, Profile profile, Playable? playable, string? country, CancellationToken cancellationToken, int heldHeight = 0)
    {
        if (playable is null)
        {
            return (EntitlementDecision.Refuse(404, "Not on the service", Gone), Gone);
        }

        var decision = await entitlements.CheckAsync(user, profile, playable.Title, country, EntitlementAction.Download, cancellationToken);
        if (!decision.Allowed)
        {
            return (decision, ReasonOf(decision, country));
        }

        if (decision.MaxHeight > 0 && heldHeight > decision.MaxHeight)
        {
            var reason = $"Your plan now allows up to {decision.MaxHeight}p; download it again at that quality.";
            return (EntitlementDecision.Refuse(403, "Quality above your plan", reason), reason);
        }

        return (decision, null);
    }

    /// <summary>The sentence a revoked download shows.</summary>
    public static string ReasonOf(EntitlementDecision decision, string? country) =>
        decision.Status == StatusCodes.Status451UnavailableForLegalReasons
            ? country is null
                ? "This title is no longer available where you are, so its download was withdrawn."
                : $"This title is no longer available in your country ({country}), so its download was withdrawn."
            : decision.Detail;

    /// <summary>The largest of the asset's rungs no taller than <paramref name="cap"/>, else its smallest (the cap itself when unknown).</summary>
    public static int Rung(MediaAsset asset, int cap)
    {
        List<int> heights;
        try
        {
            heights = JsonSerializer.Deserialize<List<JsonElement>>(asset.Renditions)?
                .Select(r => r.TryGetProperty("height", out var h) && h.TryGetInt32(out var v) ? v : 0)
                .Where(h => h > 0).ToList() ?? [];
        }
        catch (JsonException)
        {
            heights = [];
        }

        return heights.Count == 0 ? cap : heights.Where(h => h <= cap).DefaultIfEmpty(heights.Min()).Max();
    }

    /// <summary>"Series · S1 E2 · Episode" for an episode, the name for a movie.</summary>
    public async Task<string> NameAsync(Playable playable, string contentId, CancellationToken cancellationToken)
    {
        if (playable.Title.Id == contentId)
        {
            return playable.Title.Name;
        }

        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == contentId, cancellationToken);
        var season = await db.Seasons.AsNoTracking().Where(s => s.Id == episode.SeasonId).Select(s => s.Number).SingleOrDefaultAsync(cancellationToken);
        return $"{playable.Title.Name} · S{season} E{episode.Number} · {episode.Name}";
    }
}
