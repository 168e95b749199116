using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Marquee.Edge.Tokens;

/// <summary>
/// The playback token: <c>{keyId}.{payload}.{mac}</c>, where the payload is base64url of
/// <c>p={prefix}&amp;e={unix seconds}&amp;r={regions}&amp;s={session}&amp;h={max height}</c> (then <c>&amp;k=d</c> for a
/// download's token) and the MAC is
/// HMAC-SHA256 over <c>{keyId}.{payload}</c>. Written by hand rather than as a JWT because every media request
/// verifies one: this format needs no JSON parser, no header negotiation (one algorithm, so no "alg" confusion),
/// and only URL-safe characters, so it rides in a query string without escaping.
/// </summary>
public static class PlaybackToken
{
    public const int MaxLength = 1024;

    private const int MacBytes = 32;

    public static string Sign(PlaybackClaims claims, TokenKey key)
    {
        if (!IsValidPrefix(claims.PathPrefix) || claims.Regions.Count == 0 || !claims.Regions.All(IsValidName)
            || !IsValidName(claims.Session) || claims.MaxHeight < 0)
        {
            throw new ArgumentException("Playback claims need a /media/…/ prefix, at least one region, and URL-safe region and session names.", nameof(claims));
        }

        var payload = string.Create(CultureInfo.InvariantCulture,
            $"p={claims.PathPrefix}&e={claims.ExpiresAt.ToUnixTimeSeconds()}&r={string.Join(',', claims.Regions)}&s={claims.Session}&h={claims.MaxHeight}{(claims.Download ? "&k=d" : "")}");
        var signed = key.Id + "." + Base64Url.EncodeToString(Encoding.ASCII.GetBytes(payload));
        return signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key.Secret, Encoding.ASCII.GetBytes(signed)));
    }

    /// <summary>
    /// Checks the token for a request of <paramref name="path"/> on an edge of <paramref name="region"/> (null on
    /// the origin, which serves every region).
    /// </summary>
    public static TokenCheck Verify(string? token, string path, string? region, TokenKeyRing keys, DateTimeOffset now)
    {
        var check = Open(token, keys, now);
        if (!check.Allowed)
        {
            return check;
        }

        if (!check.Claims!.Covers(path))
        {
            return TokenCheck.Forbidden("The playback token does not cover this object.");
        }

        return region is not null && !check.Claims.AllowsRegion(region)
            ? TokenCheck.Forbidden($"The playback token is not valid in region '{region}'.")
            : check;
    }

    /// <summary>
    /// Checks that the token is genuine and unexpired, whatever it covers. The MAC is compared in constant time
    /// before anything in the payload is believed; an expired but genuine token is a 410 so players know to ask
    /// for a new one.
    /// </summary>
    public static TokenCheck Open(string? token, TokenKeyRing keys, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Forbidden("A playback token is required.");
        }

        var firstDot = token.IndexOf('.', StringComparison.Ordinal);
        var lastDot = token.LastIndexOf('.');
        if (token.Length > MaxLength || firstDot <= 0 || lastDot <= firstDot + 1 || lastDot == token.Length - 1)
        {
            return TokenCheck.Forbidden("The playback token is malformed.");
        }

        if (!keys.TryGet(token[..firstDot], out var key))
        {
            return TokenCheck.Forbidden("The playback token was signed with an unknown key.");
        }

        Span<byte> given = stackalloc byte[MacBytes + 3];
        if (!Base64Url.IsValid(token.AsSpan(lastDot + 1))
            || Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1), given) != MacBytes)
        {
            return TokenCheck.Forbidden("The playback token is malformed.");
        }

        var signedLength = Encoding.ASCII.GetByteCount(token.AsSpan(0, lastDot));
        var signed = signedLength <= 512 ? stackalloc byte[signedLength] : new byte[signedLength];
        Encoding.ASCII.GetBytes(token.AsSpan(0, lastDot), signed);
        Span<byte> expected = stackalloc byte[MacBytes];
        HMACSHA256.HashData(key.Secret, signed, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, given[..MacBytes]))
        {
            return TokenCheck.Forbidden("The playback token's signature does not match.");
        }

        var claims = ParsePayload(token.AsSpan(firstDot + 1, lastDot - firstDot - 1));
        if (claims is null)
        {
            return TokenCheck.Forbidden("The playback token is malformed.");
        }

        return now >= claims.ExpiresAt ? TokenCheck.Expired() : TokenCheck.Allow(claims);
    }

    private static PlaybackClaims? ParsePayload(ReadOnlySpan<char> encoded)
    {
        if (!Base64Url.IsValid(encoded))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(encoded));
        string? prefix = null, regions = null, session = null;
        long? expires = null;
        int? height = null;
        var download = false;
        foreach (var pair in text.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return null;
            }

            var value = pair[(eq + 1)..];
            switch (pair[..eq])
            {
                case "p" when prefix is null: prefix = value; break;
                case "e" when expires is null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var e): expires = e; break;
                case "r" when regions is null: regions = value; break;
                case "s" when session is null: session = value; break;
                case "h" when height is null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var h): height = h; break;
                case "k" when !download && value == "d": download = true; break;
                default: return null;
            }
        }

        if (prefix is null || expires is null || regions is null || session is null || height is null
            || !IsValidPrefix(prefix) || expires > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        var regionList = regions.Split(',');
        return regionList.All(IsValidName) && IsValidName(session)
            ? new PlaybackClaims(prefix, DateTimeOffset.FromUnixTimeSeconds(expires.Value), regionList, session, height.Value, download)
            : null;
    }

    private static bool IsValidPrefix(string prefix) =>
        prefix.StartsWith("/media/", StringComparison.Ordinal) && prefix.EndsWith('/') && prefix.Length > "/media/".Length + 1
        && Marquee.Media.Storage.ObjectKey.IsValid(prefix[1..^1]);

    private static bool IsValidName(string name) => name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
