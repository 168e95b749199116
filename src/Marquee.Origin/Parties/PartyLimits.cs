using Marquee.Origin.Community;
using Microsoft.AspNetCore.SignalR;

namespace Marquee.Origin.Parties;

internal static class PartyLimits
{
    /// <summary>Counts one <paramref name="what"/> against the profile's per-minute budget; beyond it, a sentence saying when to try again.</summary>
    public static async Task EnforceAsync(SocialLimiter limiter, string key, int perMinute, string what)
    {
        if (await limiter.TryAcquireAsync(key, perMinute) is { } wait)
        {
            throw new HubException($"Slow down: too many {what}; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds.");
        }
    }
}
