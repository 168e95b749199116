using System.Security.Cryptography;

namespace Marquee.Origin.Hosting;

/// <summary>
/// The operator's key for admin-only endpoints until accounts exist: taken from configuration (<c>Admin:Key</c>)
/// or generated once into the data directory with owner-only permissions, never committed anywhere.
/// </summary>
public static class AdminKey
{
    public static string LoadOrCreate(DataDirectory data, string? configured) =>
        !string.IsNullOrWhiteSpace(configured)
            ? configured
            : SecretFile.LoadOrCreate(data.AdminKeyFile, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
}
