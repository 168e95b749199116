using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Marquee.Cli.Migrate;

/// <summary>
/// The model's tables in an order in which rows can be inserted: every table after the tables its foreign keys
/// point to. Read from EF Core's model, so a table added later takes its place without a change here.
/// </summary>
internal static class EntityOrder
{
    /// <summary>
    /// Root entity types (a hierarchy's derived types share their root's table and rows), owned types left out
    /// (they are written with their owner), parents before children, ties in name order so runs print alike.
    /// </summary>
    public static IReadOnlyList<IEntityType> ParentsFirst(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.BaseType is null && !t.IsOwned()).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<IEntityType>(types.Count);
        var placed = new HashSet<IEntityType>();
        while (ordered.Count < types.Count)
        {
            var ready = types.FirstOrDefault(t => !placed.Contains(t) && Parents(t).All(p => placed.Contains(p) || p == t));
            if (ready is null)
            {
                var stuck = string.Join(", ", types.Where(t => !placed.Contains(t)).Select(t => t.GetTableName()));
                throw new InvalidOperationException($"the tables {stuck} refer to each other in a cycle; they cannot be copied parents first.");
            }

            // A table that refers to itself (a row's parent row) would need its rows ordered too; no table does today.
            if (Parents(ready).Contains(ready))
            {
                throw new InvalidOperationException($"the table {ready.GetTableName()} refers to itself; copying it needs its rows ordered parents first, which is not done yet.");
            }

            ordered.Add(ready);
            placed.Add(ready);
        }

        return ordered;
    }

    /// <summary>The root types of the tables <paramref name="type"/>'s foreign keys (its own and its owned types') point to.</summary>
    private static IEnumerable<IEntityType> Parents(IEntityType type) =>
        Aggregate(type)
            .SelectMany(t => t.GetDeclaredForeignKeys().Concat(t.GetDerivedTypes().SelectMany(d => d.GetDeclaredForeignKeys())))
            .Where(fk => !fk.IsOwnership)
            .Select(fk => Root(fk.PrincipalEntityType))
            .Distinct();

    private static IEnumerable<IEntityType> Aggregate(IEntityType type) =>
        new[] { type }.Concat(type.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsOnDependent).SelectMany(n => Aggregate(n.TargetEntityType)));

    private static IEntityType Root(IEntityType type)
    {
        while (type.IsOwned())
        {
            type = type.FindOwnership()!.PrincipalEntityType;
        }

        return type.GetRootType();
    }
}
