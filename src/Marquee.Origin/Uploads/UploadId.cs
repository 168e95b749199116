using System.Security.Cryptography;

namespace Marquee.Origin.Uploads;

/// <summary>Upload ids: 128 random bits as 32 lowercase hex characters, unguessable and safe as a file name.</summary>
internal static class UploadId
{
    private const int Length = 32;

    public static string New() => RandomNumberGenerator.GetHexString(Length, lowercase: true);

    /// <summary>Checked before any id reaches the disk, so a route value can never name another file.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: Length } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
