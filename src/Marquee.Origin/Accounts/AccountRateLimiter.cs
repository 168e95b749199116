using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Per-account limits on sign-in and password-reset mail, keyed by the normalised address: spreading attempts over
/// many client addresses does not help against one account. Known and unknown addresses are limited alike, so the
/// limit reveals nothing. (Per-address limits are ASP.NET Core's rate limiter; Identity lockout comes on top.)
/// </summary>
public sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public AccountRateLimiter(IOptions<AccountOptions> options)
    {
        var perHour = options.Value.AccountRequestsPerHour;
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perHour,
            TokensPerPeriod = Math.Max(1, perHour / 12),
            ReplenishmentPeriod = TimeSpan.FromMinutes(5),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string action, string email)
    {
        using var lease = limiter.AttemptAcquire(action + ":" + email.Trim().ToUpperInvariant());
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(5);
    }

    public static string Seconds(TimeSpan wait) => ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => limiter.Dispose();
}
