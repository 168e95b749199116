using System.Globalization;

namespace Marquee.Cli.Migrate;

/// <summary>The check that ends a migration: rows per table and objects in the source beside the target, and whether any differ.</summary>
internal sealed class CountReport
{
    private readonly List<(string Name, long Source, long Target)> lines = [];

    public bool AllMatch => lines.All(l => l.Source == l.Target);

    public void Add(string name, long source, long target) => lines.Add((name, source, target));

    public void WriteTo(TextWriter output)
    {
        var width = Math.Max(24, lines.Count == 0 ? 0 : lines.Max(l => l.Name.Length));
        output.WriteLine($"{"".PadRight(width)} {"source",14} {"target",14}");
        foreach (var (name, source, target) in lines)
        {
            var mark = source == target ? "" : "  DIFFERS";
            output.WriteLine($"{name.PadRight(width)} {Number(source),14} {Number(target),14}{mark}");
        }
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
