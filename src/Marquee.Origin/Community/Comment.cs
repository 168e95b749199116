namespace Marquee.Origin.Community;

/// <summary>
/// Something a person wrote about a title: a comment, a reply to one (one level deep), or the short review attached to
/// their rating. The body is kept exactly as written and is only ever shown as text.
/// </summary>
public sealed class Comment
{
    public const int MaxBody = 2000;

    public const int MaxReview = 500;

    public required string Id { get; init; }

    /// <summary>The movie or series the conversation belongs to (an episode's comments belong to its series too).</summary>
    public required string TitleId { get; init; }

    /// <summary>Where it was posted: the movie, the series, or one episode.</summary>
    public required string TargetId { get; init; }

    public string? ParentId { get; init; }

    public required string AuthorProfileId { get; init; }

    public required string AuthorUserId { get; init; }

    public CommentKind Kind { get; init; }

    public required string Body { get; set; }

    public bool Spoiler { get; set; }

    public CommentStatus Status { get; set; }

    /// <summary>Why the policy held or removed it on arrival (a link from a new account, a watched word), for moderators.</summary>
    public string? HeldReason { get; set; }

    public long CreatedAtMs { get; init; }

    public long? EditedAtMs { get; set; }

    /// <summary>Reactions of every kind, for "top" ordering.</summary>
    public int Score { get; set; }
}

public enum CommentKind : byte
{
    Comment = 0,
    Reply = 1,
    Review = 2,
}

public enum CommentStatus : byte
{
    Visible = 0,

    /// <summary>Held by the policy for a moderator: the author sees it as pending, nobody else sees it.</summary>
    Held = 1,

    /// <summary>Removed by a moderator, the policy or its author: only the author still sees that it was removed.</summary>
    Removed = 2,
}
