using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Marquee.Edge.Tokens;

namespace Marquee.Edge.Delivery;

/// <summary>
/// Tokens this edge has already verified in full, so the many requests of one playback session (a segment every
/// few seconds, playlists) cost a dictionary lookup instead of an HMAC and a parse each: <see cref="PlaybackToken.Verify"/>
/// measured about 3 µs on one core and far more with every core in OpenSSL at once (bench/tokens). What a token's
/// bytes decide (signature, payload, region) is remembered; what depends on the request or the time (the path,
/// expiry) is checked each time, and anything short of a clean pass goes through the full verification again, so
/// answers and reasons are exactly the verifier's. An entry holds only while the ring still has the very key it
/// was verified with: removing or replacing a key drops its tokens at once. Only tokens that passed are kept.
/// </summary>
internal sealed class VerifiedTokens(TokenKeyRing keys, string region)
{
    // One entry per active session; at the bound the set starts again (a burst of verifications, nothing worse).
    private const int MaxEntries = 65_536;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public int Count => entries.Count;

    public TokenCheck Verify(string? token, string path, DateTimeOffset now)
    {
        if (token is not null && entries.TryGetValue(token, out var hit) && keys.TryGet(hit.KeyId, out var current)
            && ReferenceEquals(current, hit.Key) && now < hit.Claims.ExpiresAt && hit.Claims.Covers(path))
        {
            return TokenCheck.Allow(hit.Claims);
        }

        var keyId = token is null ? null : KeyId(token);
        TokenKey? before = null;
        if (keyId is not null)
        {
            keys.TryGet(keyId, out before);
        }

        var check = PlaybackToken.Verify(token, path, region, keys, now);
        // Remember it only if the key did not change while it was being verified.
        if (check.Allowed && keyId is not null && before is not null && keys.TryGet(keyId, out var after) && ReferenceEquals(before, after))
        {
            if (entries.Count >= MaxEntries)
            {
                entries.Clear();
            }

            entries[token!] = new Entry(check.Claims!, keyId, before);
        }

        return check;
    }

    /// <summary>
    /// The claims of a token already verified in full, still under its key, not expired and covering
    /// <paramref name="path"/>; false for anything else, which then takes <see cref="Verify"/>'s way. Looked up by
    /// span, so the fast path needs no string per request.
    /// </summary>
    public bool TryGetVerified(ReadOnlySpan<char> token, ReadOnlySpan<char> path, DateTimeOffset now, [NotNullWhen(true)] out PlaybackClaims? claims)
    {
        if (entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var hit) && keys.TryGet(hit.KeyId, out var current)
            && ReferenceEquals(current, hit.Key) && now < hit.Claims.ExpiresAt && path.StartsWith(hit.Claims.PathPrefix, StringComparison.Ordinal))
        {
            claims = hit.Claims;
            return true;
        }

        claims = null;
        return false;
    }

    private static string? KeyId(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? token[..dot] : null;
    }

    private sealed record Entry(PlaybackClaims Claims, string KeyId, TokenKey Key);
}
