using System.Collections.Concurrent;

namespace Marquee.Bench.Party.Measuring;

/// <summary>Counts by kind with the first few examples of each, for the report (errors, refusals, notices).</summary>
internal sealed class Tally
{
    private readonly ConcurrentDictionary<string, (int Count, List<string> Examples)> _items = new();

    public void Record(string kind, string example)
    {
        _items.AddOrUpdate(kind, _ => (1, [example]), (_, old) =>
        {
            lock (old.Examples)
            {
                if (old.Examples.Count < 3 && !old.Examples.Contains(example))
                {
                    old.Examples.Add(example);
                }
            }

            return (old.Count + 1, old.Examples);
        });
    }

    public int Total => _items.Values.Sum(v => v.Count);

    public IEnumerable<(string Kind, int Count, IReadOnlyList<string> Examples)> Items =>
        _items.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => (i.Key, i.Value.Count, (IReadOnlyList<string>)i.Value.Examples));

    public void AddTo(Tally other)
    {
        foreach (var (kind, count, examples) in Items)
        {
            for (var i = 0; i < count; i++)
            {
                other.Record(kind, examples[Math.Min(i, examples.Count - 1)]);
            }
        }
    }
}
