using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Cli.Migrate;

/// <summary>
/// State that SQLite installations keep in files of the data directory and PostgreSQL ones keep in tables: the
/// Data Protection key ring (<c>keys/*.xml</c>: browser sessions, antiforgery and passkey ceremonies stay valid) and
/// the generated secrets (<see cref="InstallationSecrets.Names"/>: access tokens, playback tokens and the edge key
/// stay valid, and every origin on the new database agrees on them).
/// </summary>
internal sealed class DataDirectoryRows
{
    private DataDirectoryRows(List<DataProtectionKey> keys, List<SharedSecret> secrets)
    {
        Keys = keys;
        Secrets = secrets;
    }

    public IReadOnlyList<DataProtectionKey> Keys { get; }

    public IReadOnlyList<SharedSecret> Secrets { get; }

    /// <summary>The files of <paramref name="data"/> that <paramref name="source"/>'s tables do not already hold.</summary>
    public static async Task<DataDirectoryRows> ReadAsync(DataDirectory data, MarqueeDbContext source, CancellationToken cancellationToken)
    {
        var knownKeys = await source.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName).ToListAsync(cancellationToken);
        var knownSecrets = await source.SharedSecrets.AsNoTracking().Select(s => s.Name).ToListAsync(cancellationToken);

        // The file repository names each file after the key's friendly name, which is what the database repository stores.
        var keys = Directory.Exists(data.Keys)
            ? Directory.EnumerateFiles(data.Keys, "*.xml")
                .Select(f => (Name: Path.GetFileNameWithoutExtension(f), File: f))
                .Where(k => !knownKeys.Contains(k.Name))
                .OrderBy(k => k.Name, StringComparer.Ordinal)
                .Select(k => new DataProtectionKey { FriendlyName = k.Name, Xml = File.ReadAllText(k.File) })
                .ToList()
            : [];
        var secrets = InstallationSecrets.Names
            .Where(n => !knownSecrets.Contains(n) && File.Exists(Path.Combine(data.Root, n)))
            .Select(n => new SharedSecret { Name = n, Value = File.ReadAllText(Path.Combine(data.Root, n)).Trim() })
            .ToList();
        return new DataDirectoryRows(keys, secrets);
    }

    /// <summary>Adds the rows to <paramref name="target"/> (after its sequences were moved past the copied ids).</summary>
    public async Task AddToAsync(MarqueeDbContext target, CancellationToken cancellationToken)
    {
        target.DataProtectionKeys.AddRange(Keys.Select(k => new DataProtectionKey { FriendlyName = k.FriendlyName, Xml = k.Xml }));
        target.SharedSecrets.AddRange(Secrets.Select(s => new SharedSecret { Name = s.Name, Value = s.Value }));
        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
    }
}
