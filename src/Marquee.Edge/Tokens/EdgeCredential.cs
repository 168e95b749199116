using System.Security.Cryptography;
using System.Text;

namespace Marquee.Edge.Tokens;

/// <summary>
/// The cluster's edge key as edges present it (<c>Authorization: Bearer {key}</c>): to the origin for heartbeats and
/// fills, and to a parent edge. One check for both sides, compared in constant time without allocating.
/// </summary>
public static class EdgeCredential
{
    private const string BearerPrefix = "Bearer ";

    public static bool Matches(string? authorization, ReadOnlySpan<byte> key)
    {
        if (authorization is null || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = authorization.AsSpan(BearerPrefix.Length).Trim();
        if (given.Length > 256)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(given.Length)];
        var count = Encoding.UTF8.GetBytes(given, bytes);
        return CryptographicOperations.FixedTimeEquals(bytes[..count], key);
    }
}
