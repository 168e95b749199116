using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Discovery;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <summary>
/// What people did lately, newest first: their ratings, reviews and visible comments on titles the viewer may see.
/// The person page and the feed read it; callers pass only people who share their activity.
/// </summary>
internal sealed class ActivityReader(MarqueeDbContext db, CatalogIndex catalog)
{
    public sealed record Entry(string ProfileId, ActivityItem Item, string Key);

    /// <param name="before">Only entries after this one in the order (newest first); null for the first page.</param>
    /// <returns>Up to <paramref name="limit"/> entries, and whether there may be more.</returns>
    public async Task<(List<Entry> Entries, bool More)> ReadAsync(
        IReadOnlyCollection<string> profileIds, Viewer viewer, Cursor? before, int limit, CancellationToken cancellationToken)
    {
        if (profileIds.Count == 0)
        {
            return ([], false);
        }

        var ids = profileIds.ToList();
        var untilMs = before?.Ms ?? long.MaxValue;
        var take = limit + 1;
        var comments = await db.Comments.AsNoTracking()
            .Where(c => ids.Contains(c.AuthorProfileId) && c.Status == CommentStatus.Visible && c.CreatedAtMs <= untilMs)
            .OrderByDescending(c => c.CreatedAtMs).Take(take * 2).ToListAsync(cancellationToken);
        var ratings = await db.Ratings.AsNoTracking()
            .Where(r => ids.Contains(r.ProfileId) && r.UpdatedAtMs <= untilMs)
            .OrderByDescending(r => r.UpdatedAtMs).Take(take * 2).ToListAsync(cancellationToken);
        var more = comments.Count == take * 2 || ratings.Count == take * 2;

        var values = ratings.ToDictionary(r => (r.ProfileId, r.TitleId), r => RatingValues.Name(r.Value));
        var reviewed = comments.Where(c => c.Kind == CommentKind.Review).Select(c => (c.AuthorProfileId, c.TitleId)).ToHashSet();
        if (reviewed.Where(k => !values.ContainsKey(k)).Select(k => k.TitleId).Distinct().ToList() is { Count: > 0 } older)
        {
            // Reviews whose rating changed before the ratings read above: their thumbs, read by title.
            foreach (var r in await db.Ratings.AsNoTracking().Where(r => ids.Contains(r.ProfileId) && older.Contains(r.TitleId)).ToListAsync(cancellationToken))
            {
                values.TryAdd((r.ProfileId, r.TitleId), RatingValues.Name(r.Value));
            }
        }

        var entries = new List<Entry>();
        foreach (var c in comments)
        {
            if (TitleName(c.TitleId, viewer) is { } name)
            {
                var review = c.Kind == CommentKind.Review;
                entries.Add(new Entry(c.AuthorProfileId, new ActivityItem(review ? "review" : "comment", c.TitleId, name,
                    review ? values.GetValueOrDefault((c.AuthorProfileId, c.TitleId)) : null, c.Body, c.Spoiler, c.Id, At(c.CreatedAtMs)), "c" + c.Id));
            }
        }

        foreach (var r in ratings)
        {
            // A rating with a review shows once, as the review (which names the thumbs).
            if (!reviewed.Contains((r.ProfileId, r.TitleId)) && TitleName(r.TitleId, viewer) is { } name)
            {
                entries.Add(new Entry(r.ProfileId, new ActivityItem("rating", r.TitleId, name, RatingValues.Name(r.Value), null, false, null, At(r.UpdatedAtMs)),
                    "r" + r.ProfileId + r.TitleId));
            }
        }

        var ordered = entries
            .Where(e => before is not { } b || Before(e, b))
            .OrderByDescending(e => e.Item.At).ThenByDescending(e => e.Key, StringComparer.Ordinal)
            .ToList();
        return (ordered.Take(limit).ToList(), more || ordered.Count > limit);
    }

    public static Cursor CursorOf(Entry last) => new(0, last.Item.At.ToUnixTimeMilliseconds(), last.Key);

    private static bool Before(Entry e, Cursor c)
    {
        var ms = e.Item.At.ToUnixTimeMilliseconds();
        return ms < c.Ms || (ms == c.Ms && string.CompareOrdinal(e.Key, c.Id) < 0);
    }

    private string? TitleName(string titleId, Viewer viewer) =>
        catalog.Find(titleId) is { } entry && catalog.Access(entry, viewer, catalog.NowMs) != Catalog.Search.TitleAccess.Hidden ? entry.Name : null;

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
