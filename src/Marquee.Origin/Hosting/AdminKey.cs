using System.Security.Cryptography;

namespace Marquee.Origin.Hosting;

/// <summary>
/// The operator's key for admin-only endpoints until accounts exist: taken from configuration (<c>Admin:Key</c>)
/// or generated once into the data directory with owner-only permissions, never committed anywhere.
/// </summary>
public static class AdminKey
{
    public static string LoadOrCreate(DataDirectory data, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (File.Exists(data.AdminKeyFile))
        {
            return File.ReadAllText(data.AdminKeyFile).Trim();
        }

        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var temporary = data.AdminKeyFile + ".tmp";
        File.WriteAllText(temporary, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, data.AdminKeyFile, overwrite: false);
        return key;
    }
}
