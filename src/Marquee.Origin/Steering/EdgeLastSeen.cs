using System.Globalization;
using Marquee.Origin.SharedState;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Marquee.Origin.Steering;

/// <summary>
/// Edges' last heartbeats in Redis, one hash field per edge, written behind: the heartbeats this origin takes within
/// <see cref="FlushDelay"/> of each other go to Redis in one HSET. A round trip per heartbeat woke the Redis client's
/// thread and a pool thread for every one (200 a second at 1,000 edges); batched it is about four writes a second.
/// Other origins read the hash at most once a second, and an edge is offline only after several missed heartbeats,
/// so a quarter of a second later is the same to them.
/// </summary>
public sealed partial class EdgeLastSeen(RedisConnection redis, ILogger<EdgeLastSeen> logger)
{
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(250);

    private const string Key = "edges:last-seen";

    /// <summary>After a failed write, heartbeats go to the database for this long before Redis is tried again.</summary>
    private static readonly TimeSpan OutageBackoff = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private Dictionary<string, long> pending = new(StringComparer.Ordinal);
    private bool flushScheduled;
    private long failedAtTicks = long.MinValue / 2;

    /// <summary>Whether Redis can carry heartbeats now: connected, and no write failed in the last few seconds.</summary>
    public bool Available =>
        redis.Database is not null && Environment.TickCount64 - Volatile.Read(ref failedAtTicks) >= OutageBackoff.TotalMilliseconds;

    /// <summary>
    /// Queues a heartbeat for Redis; false when Redis cannot take it now (the caller then writes the row). A batch that
    /// fails is lost, but the next heartbeat of each of its edges, seconds later, finds Redis unavailable and writes its row.
    /// </summary>
    public bool Mark(string id, long nowMs)
    {
        if (!Available)
        {
            return false;
        }

        lock (gate)
        {
            if (!pending.TryGetValue(id, out var queued) || queued < nowMs)
            {
                pending[id] = nowMs;
            }

            if (flushScheduled)
            {
                return true;
            }

            flushScheduled = true;
        }

        _ = FlushLaterAsync();
        return true;
    }

    /// <summary>Drops a removed edge's field (and any heartbeat of it still queued); a missing Redis only leaves a field nobody reads.</summary>
    public async Task ForgetAsync(string id)
    {
        lock (gate)
        {
            pending.Remove(id);
        }

        if (redis.Database is { } db)
        {
            try
            {
                await db.HashDeleteAsync(Key, id);
            }
            catch (Exception e) when (RedisConnection.IsOutage(e))
            {
                // Harmless: the overlay only applies to edges that have a row.
            }
        }
    }

    /// <summary>Every edge's last heartbeat in Redis, or null when Redis is configured but not there (the caller keeps its last overlay).</summary>
    public async Task<Dictionary<string, long>?> ReadAsync()
    {
        if (redis.Database is not { } db)
        {
            return redis.IsConfigured ? null : new Dictionary<string, long>(StringComparer.Ordinal);
        }

        try
        {
            var entries = await db.HashGetAllAsync(Key);
            var result = new Dictionary<string, long>(entries.Length, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (long.TryParse(entry.Value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
                {
                    result[entry.Name.ToString()] = ms;
                }
            }

            return result;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            return null;
        }
    }

    private async Task FlushLaterAsync()
    {
        await Task.Delay(FlushDelay).ConfigureAwait(false);
        Dictionary<string, long> batch;
        lock (gate)
        {
            batch = pending;
            pending = new Dictionary<string, long>(batch.Count, StringComparer.Ordinal);
            flushScheduled = false;
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            var db = redis.Database ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "not connected");
            await db.HashSetAsync(Key, [.. batch.Select(e => new HashEntry(e.Key, e.Value))]).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            Volatile.Write(ref failedAtTicks, Environment.TickCount64);
            LogFlushFailed(batch.Count, e.Message);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not write {Count} edge heartbeats to Redis ({Reason}); edges' next heartbeats go to the database for a while")]
    private partial void LogFlushFailed(int count, string reason);
}
