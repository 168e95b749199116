using System.Security.Cryptography;
using Marquee.Origin.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Marquee.Origin.Accounts;

/// <summary>
/// The HMAC-SHA256 key that signs access tokens: from configuration (<c>Accounts:SigningKey</c>, base64, at least
/// 32 bytes) or generated once (<see cref="InstallationSecrets"/>), so every origin of an installation signs with the same key.
/// </summary>
public sealed class SigningKey
{
    /// <summary>Its name in the data directory and among the shared secrets.</summary>
    public const string FileName = "token-signing-key";

    public SigningKey(InstallationSecrets secrets, string? configured)
    {
        var encoded = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : secrets.LoadOrCreate(FileName, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var bytes = Convert.FromBase64String(encoded);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Accounts:SigningKey must be at least 32 bytes, base64-encoded.");
        }

        Key = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(bytes))[..8] };
    }

    public SymmetricSecurityKey Key { get; }
}
