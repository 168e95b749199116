using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Hosting;

/// <summary>
/// Where generated secrets live (the access-token signing key, the playback-token master key, the edge key). On
/// SQLite the data directory is the installation, so they are files in it, as they always were. On PostgreSQL
/// several origins on several machines share one installation, so the database holds them: the first origin to
/// start stores its value (its data directory's file if it has one, so moving from SQLite keeps sessions and tokens
/// valid, otherwise a new one), and every origin writes the agreed value back into its own file, which local tools
/// read (<c>./marquee up</c> hands the edge key file to its edges).
/// </summary>
public sealed class InstallationSecrets(DataDirectory data, DatabaseOptions database)
{
    /// <summary>Every secret stored this way, so that moving an installation to PostgreSQL can carry them all.</summary>
    public static readonly IReadOnlyList<string> Names = [Accounts.SigningKey.FileName, Playback.PlaybackKeys.FileName, Steering.EdgeKey.FileName];

    public string LoadOrCreate(string name, Func<string> generate)
    {
        var file = Path.Combine(data.Root, name);
        if (!database.IsPostgres)
        {
            return SecretFile.LoadOrCreate(file, generate);
        }

        using var db = new PostgresMarqueeDbContext(MarqueeDbContext.StandalonePostgresOptions(PostgresConnection.Normalize(database.ConnectionString!)));
        var stored = Read(db, name);
        if (stored is null)
        {
            var candidate = File.Exists(file) ? File.ReadAllText(file).Trim() : generate().Trim();
            db.Add(new SharedSecret { Name = name, Value = candidate });
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another origin stored it first; theirs is the installation's.
            }

            stored = Read(db, name) ?? throw new InvalidOperationException($"the shared secret {name} could not be stored");
        }

        if (!File.Exists(file) || File.ReadAllText(file).Trim() != stored)
        {
            SecretFile.Replace(file, stored);
        }

        return stored;
    }

    private static string? Read(MarqueeDbContext db, string name) =>
        db.SharedSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).SingleOrDefault();
}
