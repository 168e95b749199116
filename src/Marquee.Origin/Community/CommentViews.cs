using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Community;

/// <param name="Status">"visible", or for its author only "pending" (held for review) or "removed".</param>
/// <param name="Reactions">Counts by kind, only kinds with at least one.</param>
public sealed record CommentView(
    string Id, string TitleId, string? ParentId, PersonRef Author, string Body, bool Spoiler, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, int ReplyCount, Dictionary<string, int> Reactions, string? MyReaction, bool Mine);

public sealed record CommentPage(List<CommentView> Items, string? Next);

public sealed record CommentRequest(string? Body, bool? Spoiler, string? ParentId);

public sealed record CommentEdit(string? Body, bool? Spoiler);

public sealed record ReactionRequest(string? Kind);

public sealed record ReactionsView(Dictionary<string, int> Reactions, string? MyReaction);

public sealed record ReportRequest(string? Reason, string? Details);

/// <summary>Turns comment rows into what one viewer sees: authors' names, reaction counts, visible replies, their own reaction.</summary>
internal sealed class CommentViews(MarqueeDbContext db)
{
    public static readonly PersonRef Nobody = new("", "Someone");

    public async Task<List<CommentView>> ViewAsync(IReadOnlyList<Comment> comments, string viewerProfileId, IReadOnlyCollection<string> hidden, CancellationToken cancellationToken)
    {
        if (comments.Count == 0)
        {
            return [];
        }

        var ids = comments.Select(c => c.Id).ToList();
        var authorIds = comments.Select(c => c.AuthorProfileId).Distinct().ToList();
        var authors = await db.SocialProfiles.AsNoTracking().Where(s => authorIds.Contains(s.ProfileId))
            .ToDictionaryAsync(s => s.ProfileId, s => new PersonRef(s.Handle, s.DisplayName), cancellationToken);
        var counts = await db.CommentReactions.Where(r => ids.Contains(r.CommentId)).GroupBy(r => new { r.CommentId, r.Kind })
            .Select(g => new { g.Key.CommentId, g.Key.Kind, Count = g.Count() }).ToListAsync(cancellationToken);
        var mine = await db.CommentReactions.Where(r => r.ProfileId == viewerProfileId && ids.Contains(r.CommentId))
            .ToDictionaryAsync(r => r.CommentId, r => r.Kind, cancellationToken);
        var parents = comments.Where(c => c.Kind == CommentKind.Comment).Select(c => c.Id).ToList();
        var hiddenList = hidden.ToList();
        var replies = parents.Count == 0
            ? []
            : await db.Comments.Where(c => parents.Contains(c.ParentId!) && c.Status == CommentStatus.Visible && !hiddenList.Contains(c.AuthorProfileId))
                .GroupBy(c => c.ParentId!).Select(g => new { Parent = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Parent, g => g.Count, cancellationToken);
        return comments.Select(c => new CommentView(
            c.Id, c.TargetId, c.ParentId, authors.GetValueOrDefault(c.AuthorProfileId) ?? Nobody, c.Body, c.Spoiler, StatusName(c.Status),
            DateTimeOffset.FromUnixTimeMilliseconds(c.CreatedAtMs), c.EditedAtMs is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            replies.GetValueOrDefault(c.Id),
            counts.Where(r => r.CommentId == c.Id).ToDictionary(r => Reactions.Name(r.Kind), r => r.Count),
            mine.TryGetValue(c.Id, out var kind) ? Reactions.Name(kind) : null,
            c.AuthorProfileId == viewerProfileId)).ToList();
    }

    public static string StatusName(CommentStatus status) => status switch
    {
        CommentStatus.Held => "pending",
        CommentStatus.Removed => "removed",
        _ => "visible",
    };
}

internal static class Reactions
{
    public static string Name(ReactionKind kind) => kind switch
    {
        ReactionKind.Love => "love",
        ReactionKind.Laugh => "laugh",
        ReactionKind.Wow => "wow",
        ReactionKind.Sad => "sad",
        _ => "like",
    };

    public static ReactionKind? Parse(string? text) => text switch
    {
        "like" => ReactionKind.Like,
        "love" => ReactionKind.Love,
        "laugh" => ReactionKind.Laugh,
        "wow" => ReactionKind.Wow,
        "sad" => ReactionKind.Sad,
        _ => null,
    };

    public static ReportReason? ParseReason(string? text) => text switch
    {
        "spam" => ReportReason.Spam,
        "harassment" => ReportReason.Harassment,
        "spoiler" => ReportReason.Spoiler,
        "hateful" => ReportReason.Hateful,
        "other" => ReportReason.Other,
        _ => null,
    };

    public static string ReasonName(ReportReason reason) => reason.ToString().ToLowerInvariant();
}
