using System.Security.Cryptography;

namespace Marquee.Origin.Hosting;

/// <summary>Server-generated identifiers: 16 lowercase hex characters, unguessable, safe in paths and URLs.</summary>
public static class Ids
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static bool IsValid(string? id) =>
        id is { Length: 16 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
