using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Parties;

internal static class PartySaves
{
    /// <summary>
    /// Saves a change to a party guarded by its version: false (and the context cleared, ready to read again) when
    /// someone else changed the party first, so the caller reads it afresh and decides again.
    /// </summary>
    public static async Task<bool> TrySaveAsync(this MarqueeDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
