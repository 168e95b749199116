using System.Collections.Concurrent;
using Marquee.Edge.Hosting;

namespace Marquee.Edge.Caching;

/// <summary>
/// Upstream 404s remembered for a few seconds (negative caching), so a player retrying a missing object, or
/// many players asking for one, cost the origin one request per interval. Only requests that passed the token
/// check get this far, so the set cannot be filled by strangers; it is still bounded.
/// </summary>
internal sealed class NotFoundCache(EdgeOptions options, TimeProvider clock)
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> until = new(StringComparer.Ordinal);

    public bool IsNotFound(string key)
    {
        if (until.IsEmpty || !until.TryGetValue(key, out var expires))
        {
            return false;
        }

        if (clock.GetUtcNow() < expires)
        {
            return true;
        }

        until.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, expires));
        return false;
    }

    public void Remember(string key)
    {
        if (options.NotFoundTtl <= TimeSpan.Zero)
        {
            return;
        }

        if (until.Count >= MaxEntries)
        {
            until.Clear();
        }

        until[key] = clock.GetUtcNow() + options.NotFoundTtl;
    }

    public void Forget(string key) => until.TryRemove(key, out _);
}
