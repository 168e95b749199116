using System.Security.Cryptography;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;

namespace Marquee.Cli.Migrate;

/// <summary>
/// What tells a later run that the target already holds a copy of exactly this source: a hash of the SQLite file
/// (and its write-ahead log), stored with the copied rows as one more row of <c>shared_secrets</c> in the same
/// transaction. Row counts alone cannot tell: another installation with as many users and titles has the same counts.
/// </summary>
internal static class SourceFingerprint
{
    public const string Name = "migrated-from-sqlite";

    public static async Task<string> OfAsync(DataDirectory data, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in new[] { data.Database, data.Database + "-wal" }.Where(File.Exists))
        {
            // FileShare.ReadWrite: reading must not stand in the way of SQLite (nor ask it for anything).
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static SharedSecret Row(string fingerprint) => new() { Name = Name, Value = fingerprint };
}
