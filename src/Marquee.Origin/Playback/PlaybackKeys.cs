using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marquee.Edge.ControlPlane;
using Marquee.Edge.Tokens;
using Marquee.Origin.Hosting;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Playback;

/// <summary>
/// The keys that sign playback tokens. Each rotation period has its own key, derived from one master secret with
/// HMAC (so every origin of a cluster computes the same keys without talking to each other, and an edge that
/// learns a period's key learns nothing about the master or other periods). The key id names the period.
/// </summary>
public sealed class PlaybackKeys
{
    /// <summary>The master secret's name in the data directory and among the shared secrets.</summary>
    public const string FileName = "playback-key";

    private readonly byte[] master;
    private readonly string fingerprint;
    private readonly long rotationSeconds;
    private readonly int periodsKept;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private (long Period, TokenKeyRing Ring) cached = (-1, new TokenKeyRing());
    private PublishedKeys published = new(-1, [], []);

    public PlaybackKeys(IOptions<PlaybackOptions> options, InstallationSecrets secrets, TimeProvider clock)
    {
        var configured = options.Value.Key;
        var encoded = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : secrets.LoadOrCreate(FileName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        master = Convert.FromBase64String(encoded);
        if (master.Length < TokenKey.MinimumSecretBytes)
        {
            throw new InvalidOperationException("Playback:Key must be at least 32 bytes, base64-encoded.");
        }

        fingerprint = Convert.ToHexStringLower(SHA256.HashData(master))[..6];
        rotationSeconds = (long)options.Value.KeyRotation.TotalSeconds;
        periodsKept = (int)Math.Ceiling(options.Value.TokenLifetime.TotalSeconds / rotationSeconds) + 1;
        this.clock = clock;
    }

    /// <summary>The key signing tokens now.</summary>
    public TokenKey Current => KeyFor(Period(clock.GetUtcNow()));

    /// <summary>
    /// Every key a verifier needs now: the periods whose tokens may still be alive, and the next period's, so
    /// edges know it before the first token signed with it reaches them.
    /// </summary>
    public IReadOnlyList<TokenKey> Published() => PublishedNow().Keys;

    /// <summary><see cref="Published"/> as edges receive them in every heartbeat reply (the secrets in base64).</summary>
    public IReadOnlyList<TokenKeyView> PublishedForEdges() => PublishedNow().Views;

    /// <summary>The same for a whole period: derived once per period, not for every heartbeat (HMACs and base64 of each key).</summary>
    private PublishedKeys PublishedNow()
    {
        var period = Period(clock.GetUtcNow());
        var current = Volatile.Read(ref published);
        if (current.Period != period)
        {
            IReadOnlyList<TokenKey> keys = [.. Enumerable.Range(0, periodsKept + 2).Select(i => KeyFor(period + 1 - i))];
            current = new PublishedKeys(period, keys, [.. keys.Select(k => new TokenKeyView(k.Id, Convert.ToBase64String(k.Secret)))]);
            Volatile.Write(ref published, current);
        }

        return current;
    }

    /// <summary>The origin's own verifier, rebuilt once per period.</summary>
    public TokenKeyRing Ring()
    {
        var period = Period(clock.GetUtcNow());
        lock (gate)
        {
            if (cached.Period != period)
            {
                var ring = new TokenKeyRing();
                ring.Replace(Published());
                cached = (period, ring);
            }

            return cached.Ring;
        }
    }

    private long Period(DateTimeOffset at) => at.ToUnixTimeSeconds() / rotationSeconds;

    private TokenKey KeyFor(long period)
    {
        var id = fingerprint + "-" + period.ToString(CultureInfo.InvariantCulture);
        return new TokenKey(id, HMACSHA256.HashData(master, Encoding.ASCII.GetBytes("marquee playback key " + id)));
    }

    private sealed record PublishedKeys(long Period, IReadOnlyList<TokenKey> Keys, IReadOnlyList<TokenKeyView> Views);
}
