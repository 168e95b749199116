using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Entitlements;

/// <summary>
/// Concurrent-stream leases. A player takes a lease when playback starts, renews it with its progress heartbeat,
/// and releases it when it stops; a player that disappears lets it lapse after the lease time.
/// </summary>
public sealed class StreamLeases(MarqueeDbContext db, TimeProvider time)
{
    /// <summary>Takes a free or lapsed slot below <paramref name="maxStreams"/>; null when all are in use.</summary>
    public async Task<StreamLease?> AcquireAsync(string userId, string profileId, string titleId, int maxStreams, TimeSpan ttl, CancellationToken cancellationToken)
    {
        // A slot with a row is taken over only when its lease lapsed; a slot without one gets a new row. Trying to
        // insert into a slot with a row would only fail (and EF Core logs every failed save as an error); a slot
        // another device took a moment ago still fails the insert, and the next slot is tried.
        var taken = await db.Set<StreamLease>().AsNoTracking().Where(l => l.UserId == userId).Select(l => l.Slot).ToListAsync(cancellationToken);
        for (var slot = 0; slot < maxStreams; slot++)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var lease = new StreamLease { UserId = userId, Slot = slot, LeaseId = Ids.New(), ProfileId = profileId, TitleId = titleId, ExpiresAtMs = now + (long)ttl.TotalMilliseconds };
            if (taken.Contains(slot))
            {
                var s = slot;
                var reclaimed = await db.Set<StreamLease>()
                    .Where(l => l.UserId == userId && l.Slot == s && l.ExpiresAtMs < now)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(l => l.LeaseId, lease.LeaseId)
                        .SetProperty(l => l.ProfileId, profileId)
                        .SetProperty(l => l.TitleId, titleId)
                        .SetProperty(l => l.ExpiresAtMs, lease.ExpiresAtMs), cancellationToken);
                if (reclaimed == 1)
                {
                    return lease;
                }

                continue;
            }

            db.Add(lease);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return lease;
            }
            catch (DbUpdateException)
            {
                // Another device took the slot a moment ago: try the next one.
                db.Entry(lease).State = EntityState.Detached;
            }
        }

        return null;
    }

    /// <summary>A live lease of this account; null when it lapsed, ended or is not theirs.</summary>
    public Task<StreamLease?> FindLiveAsync(string userId, string leaseId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return db.Set<StreamLease>().AsNoTracking().SingleOrDefaultAsync(l => l.UserId == userId && l.LeaseId == leaseId && l.ExpiresAtMs >= now, cancellationToken);
    }

    /// <summary>The account's live leases: what is playing now, on which profile.</summary>
    public Task<List<StreamLease>> ListLiveAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return db.Set<StreamLease>().AsNoTracking().Where(l => l.UserId == userId && l.ExpiresAtMs >= now).OrderBy(l => l.Slot).ToListAsync(cancellationToken);
    }

    /// <summary>Extends a live lease of this account; false when it lapsed or is not theirs.</summary>
    public async Task<DateTimeOffset?> RenewAsync(string userId, string leaseId, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = (now + ttl).ToUnixTimeMilliseconds();
        var nowMs = now.ToUnixTimeMilliseconds();
        var renewed = await db.Set<StreamLease>()
            .Where(l => l.UserId == userId && l.LeaseId == leaseId && l.ExpiresAtMs >= nowMs)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAtMs, expires), cancellationToken);
        return renewed == 1 ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null;
    }

    public async Task<bool> ReleaseAsync(string userId, string leaseId, CancellationToken cancellationToken) =>
        await db.Set<StreamLease>().Where(l => l.UserId == userId && l.LeaseId == leaseId).ExecuteDeleteAsync(cancellationToken) == 1;
}
