using System.Collections.Frozen;

namespace Marquee.Edge.Tokens;

/// <summary>
/// The keys a verifier accepts, replaced as a whole when the control plane rotates them, so a request sees either
/// the old set or the new one. Holding the previous keys for a while lets streams in flight outlive a rotation.
/// </summary>
public sealed class TokenKeyRing
{
    private FrozenDictionary<string, TokenKey> keys = FrozenDictionary<string, TokenKey>.Empty;

    public int Count => keys.Count;

    public IReadOnlyCollection<string> Ids => keys.Keys;

    /// <remarks>
    /// A key that arrives again unchanged (every heartbeat repeats the live keys) keeps its existing instance, so
    /// whatever was verified with it (the edge's verified-token memory) stays valid.
    /// </remarks>
    public void Replace(IEnumerable<TokenKey> next)
    {
        var current = Volatile.Read(ref keys);
        var map = new Dictionary<string, TokenKey>(StringComparer.Ordinal);
        foreach (var key in next)
        {
            if (!TokenKey.IsValidId(key.Id) || key.Secret.Length < TokenKey.MinimumSecretBytes)
            {
                throw new ArgumentException($"Token key '{key.Id}' needs a short URL-safe id and at least {TokenKey.MinimumSecretBytes} bytes of secret.", nameof(next));
            }

            map[key.Id] = current.TryGetValue(key.Id, out var same) && same.Secret.AsSpan().SequenceEqual(key.Secret) ? same : key;
        }

        Volatile.Write(ref keys, map.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool TryGet(string id, out TokenKey key)
    {
        if (Volatile.Read(ref keys).TryGetValue(id, out var found))
        {
            key = found;
            return true;
        }

        key = null!;
        return false;
    }
}
