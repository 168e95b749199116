using System.Reflection;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Marquee.Cli.Migrate;

/// <summary>
/// Copies every row of one database into another through EF Core's model: each table is read as entities from the
/// source and written as entities to the target, so each provider's value converters (Guid, DateTimeOffset, enums
/// stored as text, JSON columns) apply on their own side. Tables go parents first (<see cref="EntityOrder"/>), rows in
/// batches, all inside the caller's transaction on the target.
/// </summary>
internal sealed class DatabaseCopy(MarqueeDbContext source, MarqueeDbContext target)
{
    private const int BatchSize = 500;

    private static readonly MethodInfo CountMethod = typeof(DatabaseCopy).GetMethod(nameof(CountRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CopyMethod = typeof(DatabaseCopy).GetMethod(nameof(CopyRowsAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo DeleteMethod = typeof(DatabaseCopy).GetMethod(nameof(DeleteRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    // The design-time model, because the runtime one (DbContext.Model) drops the seed data this class needs.
    public IReadOnlyList<IEntityType> Tables { get; } = EntityOrder.ParentsFirst(target.GetService<IDesignTimeModel>().Model);

    /// <summary>Rows per table of <paramref name="db"/> (source or target), keyed by table name, in copy order.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountAsync(MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var type in Tables)
        {
            counts[TableName(type)] = await Invoke<long>(CountMethod.MakeGenericMethod(type.ClrType), null, db, type, cancellationToken);
        }

        return counts;
    }

    /// <summary>The rows the migrations themselves put in each table (plans, regions), which a fresh target holds.</summary>
    public IReadOnlyDictionary<string, long> SeedRows() =>
        Tables.ToDictionary(TableName, t => (long)t.GetSeedData().Count(), StringComparer.Ordinal);

    /// <summary>
    /// Copies every table. The target must hold only its seed rows; they are deleted first, because the source has
    /// its own (perhaps edited) copy of them.
    /// </summary>
    public async Task CopyAsync(CancellationToken cancellationToken)
    {
        source.ChangeTracker.AutoDetectChangesEnabled = false;
        target.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var type in Tables.Reverse().Where(t => t.GetSeedData().Any()))
        {
            await Invoke<int>(DeleteMethod.MakeGenericMethod(type.ClrType), null, target, type, cancellationToken);
        }

        foreach (var type in Tables)
        {
            await Invoke<long>(CopyMethod.MakeGenericMethod(type.ClrType), this, type, cancellationToken);
        }
    }

    /// <summary>
    /// Moves PostgreSQL's identity sequences past the copied keys: rows were inserted with their own integer ids, which
    /// does not advance a sequence, and the next insert would otherwise be given id 1 again.
    /// </summary>
    public async Task ResetSequencesAsync(CancellationToken cancellationToken)
    {
        foreach (var type in Tables)
        {
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            foreach (var property in type.GetProperties().Where(p => NpgsqlPropertyExtensions.GetValueGenerationStrategy(p) is NpgsqlValueGenerationStrategy.IdentityByDefaultColumn
                or NpgsqlValueGenerationStrategy.IdentityAlwaysColumn or NpgsqlValueGenerationStrategy.SerialColumn))
            {
                var column = property.GetColumnName(table)!;
                var qualified = (table.Schema is null ? "" : Quote(table.Schema) + ".") + Quote(table.Name);

                // Names come from our own model, never from input; pg_get_serial_sequence takes the column's name unquoted.
                var sql = "SELECT setval(pg_get_serial_sequence('" + qualified.Replace("'", "''", StringComparison.Ordinal) + "', '" + column.Replace("'", "''", StringComparison.Ordinal) + "'), "
                    + "COALESCE((SELECT MAX(" + Quote(column) + ") FROM " + qualified + "), 0) + 1, false)";
                await target.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }
        }
    }

    public static string TableName(IEntityType type) => type.GetTableName() ?? type.GetViewName() ?? type.Name;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<T> Invoke<T>(MethodInfo method, object? instance, params object[] args) =>
        await (Task<T>)method.Invoke(instance, args)!;

    private static DbSet<T> Rows<T>(MarqueeDbContext db, IEntityType type)
        where T : class =>
        type.HasSharedClrType ? db.Set<T>(type.Name) : db.Set<T>();

    private static Task<long> CountRowsAsync<T>(MarqueeDbContext db, IEntityType type, CancellationToken cancellationToken)
        where T : class =>
        Rows<T>(db, type).LongCountAsync(cancellationToken);

    private static Task<int> DeleteRowsAsync<T>(MarqueeDbContext db, IEntityType type, CancellationToken cancellationToken)
        where T : class =>
        Rows<T>(db, type).ExecuteDeleteAsync(cancellationToken);

    private async Task<long> CopyRowsAsync<T>(IEntityType type, CancellationToken cancellationToken)
        where T : class
    {
        // Tracked on the source so that shadow properties (values the model has and the class does not) can be read.
        var rows = Rows<T>(source, type).AsTracking().AsAsyncEnumerable();
        long count = 0;
        var batch = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            Add(row);
            count++;
            if (++batch == BatchSize)
            {
                await FlushAsync(cancellationToken);
                batch = 0;
            }
        }

        await FlushAsync(cancellationToken);
        return count;
    }

    private void Add(object row)
    {
        // The row and what it owns (JSON columns) are added; a navigation to another table's row is not followed,
        // that row is copied with its own table.
        target.ChangeTracker.TrackGraph(row, node =>
        {
            if (node.SourceEntry is null || node.Entry.Metadata.IsOwned())
            {
                node.Entry.State = EntityState.Added;
            }
        });
        CopyShadowValues(source.Entry(row), target.Entry(row));
    }

    private static void CopyShadowValues(EntityEntry from, EntityEntry to)
    {
        foreach (var property in from.Metadata.GetProperties().Where(p => p.IsShadowProperty()))
        {
            to.Property(property.Name).CurrentValue = from.Property(property.Name).CurrentValue;
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await target.SaveChangesAsync(cancellationToken);
        target.ChangeTracker.Clear();
        source.ChangeTracker.Clear();
    }
}
