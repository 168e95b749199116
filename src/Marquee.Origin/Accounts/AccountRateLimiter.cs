using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Marquee.Origin.SharedState;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Per-account limits on sign-in and password-reset mail, keyed by the normalised address: spreading attempts over
/// many client addresses does not help against one account. Known and unknown addresses are limited alike, so the
/// limit reveals nothing. (Per-address limits are ASP.NET Core's rate limiter; Identity lockout comes on top.)
/// With Redis configured the count is shared by every origin (per hour, keyed by a hash of the address, so no
/// address is stored in Redis); without it, or while it is down, each origin counts alone.
/// </summary>
public sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public AccountRateLimiter(IOptions<AccountOptions> options, RedisConnection redis, TimeProvider clock)
    {
        var perHour = options.Value.AccountRequestsPerHour;
        RateLimiter Local() => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perHour,
            TokensPerPeriod = Math.Max(1, perHour / 12),
            ReplenishmentPeriod = TimeSpan.FromMinutes(5),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        limiter = PartitionedRateLimiter.Create<string, string>(key => redis.IsConfigured
            ? RateLimitPartition.Get(key, k => new SharedWindowLimiter(redis, "account:" + k, perHour, TimeSpan.FromHours(1), Local(), clock))
            : RateLimitPartition.Get(key, _ => Local()));
    }

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    public async ValueTask<TimeSpan?> TryAcquireAsync(string action, string email)
    {
        var subject = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())), 0, 16);
        using var lease = await limiter.AcquireAsync(action + ":" + subject);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(5);
    }

    public static string Seconds(TimeSpan wait) => ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => limiter.Dispose();
}
