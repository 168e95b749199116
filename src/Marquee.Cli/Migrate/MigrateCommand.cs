using Marquee.Media.Storage;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Marquee.Cli.Migrate;

/// <summary>
/// <c>marquee migrate --to postgresql://… [--s3-…]</c>: moves an installation that started on one machine (SQLite,
/// media in the data directory) to PostgreSQL and an S3 bucket. Objects are copied first (resumable: objects already
/// there are skipped), then every table in one transaction (an interruption leaves the target as it was), then both
/// are counted against the source. The SQLite file is only read.
/// </summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var request = MigrationRequest.Parse(args);
        try
        {
            return await MigrateAsync(request, CancellationToken.None);
        }
        catch (Exception e) when (ErrorLine.For(e, request) is { } line)
        {
            await Console.Error.WriteLineAsync("marquee: " + line);
            return ExitCodes.Failed;
        }
    }

    private static async Task<int> MigrateAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        var data = request.Data;
        var storage = CheckSource(request);
        var output = Console.Out;
        output.WriteLine($"Moving {data.Root} to the {request.TargetDescription()}{(request.S3 is { } s3 ? $" and the S3 bucket '{s3.Bucket}'" : "")}.");
        output.WriteLine("Stop every origin and worker on this data directory first: what they write after the copy starts is not moved.");

        await using var source = new SqliteMarqueeDbContext(MarqueeDbContext.StandaloneOptions(
            new SqliteConnectionStringBuilder { DataSource = data.Database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()));
        await using var target = new PostgresMarqueeDbContext(MarqueeDbContext.StandalonePostgresOptions(request.TargetConnectionString));
        await ReadSnapshotAsync(source, data, cancellationToken);
        await Database.MigrateAsync(target, cancellationToken);

        var copy = new DatabaseCopy(source, target);
        var files = await DataDirectoryRows.ReadAsync(data, source, cancellationToken);
        var fingerprint = await SourceFingerprint.OfAsync(data, cancellationToken);
        var expected = Expected(await copy.CountAsync(source, cancellationToken), copy, files);
        var before = await copy.CountAsync(target, cancellationToken);
        var copyDatabase = Same(before, copy.SeedRows());
        if (!copyDatabase)
        {
            var marker = await target.SharedSecrets.AsNoTracking().Where(s => s.Name == SourceFingerprint.Name).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
            if (marker is not null && marker != fingerprint)
            {
                throw new MigrationFailure($"the {request.TargetDescription()} holds a copy of an earlier state of {data.Root} (it changed since); "
                    + "drop and create that database again (dropdb, createdb), then run the same command.");
            }

            if (marker is null || !Same(before, expected))
            {
                throw new MigrationFailure(NotEmpty(before, copy.SeedRows(), request));
            }
        }

        ObjectCopy? objects = null;
        using var bucket = request.S3 is { } options ? new S3ObjectStore(options) : null;
        if (bucket is not null)
        {
            objects = new ObjectCopy(new FileSystemObjectStore(string.IsNullOrWhiteSpace(storage.Root) ? data.Objects : storage.Root), bucket);
            await objects.ProbeTargetAsync(cancellationToken);
            output.WriteLine("objects: copying into S3; objects already there with the same size are skipped, so a run that stopped resumes.");
            var (copied, alreadyThere) = await objects.CopyAsync(cancellationToken);
            output.WriteLine($"objects: {copied} copied, {alreadyThere} already there.");
        }
        else
        {
            output.WriteLine($"objects: not moved (no --s3-bucket); they stay in {(string.IsNullOrWhiteSpace(storage.Root) ? data.Objects : storage.Root)}.");
        }

        if (copyDatabase)
        {
            output.WriteLine($"database: copying {expected.Values.Sum()} rows of {expected.Count} tables in one transaction; if it is interrupted nothing is kept, and the same command starts it again.");
            await using var transaction = await target.Database.BeginTransactionAsync(cancellationToken);
            await copy.CopyAsync(cancellationToken);
            await copy.ResetSequencesAsync(cancellationToken);
            await files.AddToAsync(target, cancellationToken);
            target.SharedSecrets.Add(SourceFingerprint.Row(fingerprint));
            await target.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            output.WriteLine("database: copied.");
        }
        else
        {
            output.WriteLine("database: already copied from this very source by an earlier run (its mark matches and every table holds its row count); not copied again.");
        }

        var report = new CountReport();
        var after = await copy.CountAsync(target, cancellationToken);
        foreach (var (table, rows) in expected)
        {
            report.Add(table, rows, after[table]);
        }

        if (objects is not null)
        {
            var (inSource, inTarget) = await objects.TallyAsync(cancellationToken);
            report.Add("objects", inSource.Objects, inTarget.Objects);
            report.Add("object bytes", inSource.Bytes, inTarget.Bytes);
        }

        output.WriteLine();
        report.WriteTo(output);
        output.WriteLine($"(the source counts include {files.Keys.Count} Data Protection keys and {files.Secrets.Count} secrets read from files of the data directory, and the row that marks the copy)");

        output.WriteLine();
        if (!report.AllMatch)
        {
            await Console.Error.WriteLineAsync("marquee: the target does not hold what the source holds (DIFFERS above); nothing was switched. Run the same command again; objects resume where they stopped.");
            return ExitCodes.Failed;
        }

        Switch(request);
        return ExitCodes.Ok;
    }

    /// <summary>The source's own storage settings, once it is known to be a SQLite data directory this command can read.</summary>
    private static StorageOptions CheckSource(MigrationRequest request)
    {
        var data = request.Data;
        if (!Directory.Exists(data.Root))
        {
            throw new MigrationFailure($"there is no data directory at {data.Root}; name it with --data DIR.");
        }

        if (!File.Exists(data.Database))
        {
            throw new MigrationFailure($"there is no SQLite database at {data.Database}; name the data directory of an installation on SQLite with --data DIR.");
        }

        var builder = new ConfigurationBuilder().AddEnvironmentVariables("MARQUEE_");
        data.AddSettingsTo(builder);
        var configuration = builder.Build();
        if (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() is { IsPostgres: true })
        {
            throw new MigrationFailure($"{data.Root} already runs on PostgreSQL (Database:Provider in {data.Settings} or the environment); there is nothing to move.");
        }

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (request.S3 is not null && !string.Equals(storage.Kind?.Trim(), ObjectStoreFactory.FileSystemKind, StringComparison.OrdinalIgnoreCase))
        {
            throw new MigrationFailure($"{data.Root} keeps its objects in '{storage.Kind}' storage already (Storage:Kind); leave out the --s3-* options.");
        }

        return storage;
    }

    /// <summary>
    /// Opens the source in one read transaction, so that every table and every count comes from the same moment,
    /// and refuses a database from an older release (its tables would not match the model).
    /// </summary>
    private static async Task ReadSnapshotAsync(MarqueeDbContext source, DataDirectory data, CancellationToken cancellationToken)
    {
        await source.Database.OpenConnectionAsync(cancellationToken);
        if ((await source.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new MigrationFailure($"{data.Database} was made by an older Marquee; start this version once on it (marquee origin --data {data.Root}), stop it, then run migrate again.");
        }

        // Deferred: a read-only connection may not take the write lock that SQLite's default BEGIN IMMEDIATE asks for.
        var transaction = ((SqliteConnection)source.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await source.Database.UseTransactionAsync(transaction, cancellationToken);
    }

    /// <summary>What the target must hold: the source's rows, plus the key ring and secrets read from files.</summary>
    private static Dictionary<string, long> Expected(IReadOnlyDictionary<string, long> source, DatabaseCopy copy, DataDirectoryRows files)
    {
        var expected = new Dictionary<string, long>(source, StringComparer.Ordinal);
        expected[DatabaseCopy.TableName(copy.Tables.Single(t => t.ClrType == typeof(DataProtectionKey)))] += files.Keys.Count;
        expected[DatabaseCopy.TableName(copy.Tables.Single(t => t.ClrType == typeof(SharedSecret)))] += files.Secrets.Count + 1;
        return expected;
    }

    private static bool Same(IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long> other) =>
        counts.All(c => other.TryGetValue(c.Key, out var rows) && rows == c.Value);

    private static string NotEmpty(IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long> seeds, MigrationRequest request)
    {
        var holding = counts.Where(c => c.Value != seeds.GetValueOrDefault(c.Key)).Take(4).Select(c => $"{c.Key}: {c.Value} rows");
        return $"the {request.TargetDescription()} already holds data that did not come from this data directory ({string.Join(", ", holding)}); "
            + "migrate into a new, empty database (createdb NAME).";
    }

    private static void Switch(MigrationRequest request)
    {
        var settings = request.Settings();
        var data = request.Data;
        if (request.WriteSettings)
        {
            settings.WriteTo(data);
            Console.WriteLine($"Wrote the Database and Storage settings into {data.Settings} (other settings kept; readable by its owner only).");
            Console.WriteLine($"Start as before: marquee origin --data {data.Root}. {data.Database} is left as it was; keep it as a backup.");
            return;
        }

        Console.WriteLine($"Everything was copied. To switch, merge this into {data.Settings} (or run the same command again with --write-settings):");
        Console.WriteLine(settings.AsJson());
        Console.WriteLine("or set these environment variables for every origin and worker:");
        foreach (var line in settings.AsEnvironment())
        {
            Console.WriteLine("  " + line);
        }
    }
}
