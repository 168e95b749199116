using System.Collections.Concurrent;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Remembers for <see cref="Lifetime"/> whether a session was live, so a busy session costs the database one look
/// every half minute rather than one per request. Revoking through this origin forgets the entry, so it takes effect
/// at once here; another origin notices within <see cref="Lifetime"/>.
/// </summary>
public sealed class SessionCheckCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The remembered answer for this session of this account, or null when there is none that is recent enough.</summary>
    public bool? Find(string sessionId, string userId)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return _entries.TryGetValue(sessionId, out var entry) && entry.UserId == userId && now - entry.CheckedAtMs < Lifetime.TotalMilliseconds
            ? entry.Active
            : null;
    }

    public void Remember(string sessionId, string userId, bool active)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (_entries.Count >= MaxEntries)
        {
            foreach (var (id, entry) in _entries)
            {
                if (now - entry.CheckedAtMs >= Lifetime.TotalMilliseconds)
                {
                    _entries.TryRemove(id, out _);
                }
            }
        }

        _entries[sessionId] = new Entry(userId, active, now);
    }

    public void Forget(string sessionId) => _entries.TryRemove(sessionId, out _);

    private sealed record Entry(string UserId, bool Active, long CheckedAtMs);
}
