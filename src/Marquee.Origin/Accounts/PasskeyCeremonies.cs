using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Marquee.Origin.SharedState;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Holds the state of a WebAuthn ceremony (the challenge Identity's passkey handler made) between its two requests.
/// The state travels with the client, sealed by Data Protection for a few minutes and bound to its purpose (sign-in,
/// or adding a passkey to one account), so it works for bearer and cookie clients alike and the server keeps no
/// session. Each sealed state is accepted once: a captured response cannot be replayed while the state is alive.
/// Used states are recorded in Redis when one is configured, so the once holds across every origin behind a load
/// balancer; without Redis (or while it is down) each origin records them itself, which narrows the window for
/// several origins but does not close it (noted in the security model).
/// </summary>
public sealed class PasskeyCeremonies(IDataProtectionProvider protection, RedisConnection redis, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Sealed states are a few hundred characters; anything far longer is not one of ours.</summary>
    public const int MaxSealedLength = 8192;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    public string Seal(string purpose, string state) =>
        Protector(purpose).Protect(state, clock.GetUtcNow() + Lifetime);

    /// <summary>The state sealed for <paramref name="purpose"/>, or null when it is forged, expired, for another purpose or already used.</summary>
    public string? Open(string purpose, string? sealedState)
    {
        if (string.IsNullOrEmpty(sealedState) || sealedState.Length > MaxSealedLength)
        {
            return null;
        }

        string state;
        DateTimeOffset expires;
        try
        {
            state = Protector(purpose).Unprotect(sealedState, out expires);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (expires <= now)
        {
            return null;
        }

        Forget(now);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sealedState)));
        return _used.TryAdd(key, expires) && FirstUseEverywhere(key, expires - now) ? state : null;
    }

    /// <summary>True unless another origin already accepted this state (Redis's SET NX); true without Redis.</summary>
    private bool FirstUseEverywhere(string key, TimeSpan alive)
    {
        if (redis.Database is not { } db)
        {
            return true;
        }

        try
        {
            return db.StringSet("passkey-used:" + key, 1, alive, When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return true;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, expires) in _used)
        {
            if (expires <= now)
            {
                _used.TryRemove(key, out _);
            }
        }
    }

    private ITimeLimitedDataProtector Protector(string purpose) =>
        protection.CreateProtector("Marquee.Passkeys.v1", purpose).ToTimeLimitedDataProtector();
}
