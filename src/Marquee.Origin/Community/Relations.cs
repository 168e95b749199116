using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>Blocks and mutes as they decide what one profile sees.</summary>
internal sealed class Relations(MarqueeDbContext db)
{
    /// <summary>
    /// The profiles whose words <paramref name="profileId"/> does not see: those it blocked or muted, and those who
    /// blocked it (a block hides both ways; a mute only the muter's way).
    /// </summary>
    public async Task<List<string>> HiddenFromAsync(string profileId, CancellationToken cancellationToken)
    {
        var mine = db.PersonLinks.Where(l => l.FromProfileId == profileId && l.Kind != LinkKind.Follow).Select(l => l.ToProfileId);
        var theirs = db.PersonLinks.Where(l => l.ToProfileId == profileId && l.Kind == LinkKind.Block).Select(l => l.FromProfileId);
        return await mine.Union(theirs).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The mirror of <see cref="HiddenFromAsync"/>: the profiles that must not see <paramref name="profileId"/>'s words,
    /// those who blocked or muted it and those it blocked. A query, to combine with who is listening.
    /// </summary>
    public IQueryable<string> NotShownTo(string profileId) =>
        db.PersonLinks.Where(l => (l.ToProfileId == profileId && l.Kind != LinkKind.Follow) || (l.FromProfileId == profileId && l.Kind == LinkKind.Block))
            .Select(l => l.ToProfileId == profileId ? l.FromProfileId : l.ToProfileId);

    /// <summary>Either has blocked the other.</summary>
    public Task<bool> BlockedAsync(string a, string b, CancellationToken cancellationToken) =>
        db.PersonLinks.AnyAsync(l => l.Kind == LinkKind.Block && ((l.FromProfileId == a && l.ToProfileId == b) || (l.FromProfileId == b && l.ToProfileId == a)), cancellationToken);
}
