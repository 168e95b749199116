using System.Collections.Concurrent;

namespace Marquee.Bench.Party.Measuring;

/// <summary>Messages the members sent (→Method) and received (event name), to say what load the origin carried.</summary>
internal static class Traffic
{
    private static readonly ConcurrentDictionary<string, long> Counts = new(StringComparer.Ordinal);

    public static void Count(string kind) => Counts.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>The counts since the last call, and zero again.</summary>
    public static Dictionary<string, long> Take()
    {
        var snapshot = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var key in Counts.Keys)
        {
            if (Counts.TryRemove(key, out var n))
            {
                snapshot[key] = n;
            }
        }

        return snapshot;
    }

    public static string Describe(Dictionary<string, long> counts, double seconds) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value / seconds:0}/s"));
}
