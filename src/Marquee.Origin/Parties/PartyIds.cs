using System.Buffers.Text;
using System.Security.Cryptography;

namespace Marquee.Origin.Parties;

/// <summary>
/// A party's id is its invite: 128 random bits as 22 base64url characters, so holding the link is what lets someone
/// in, and nobody finds a party by counting.
/// </summary>
public static class PartyIds
{
    public const int Length = 22;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
