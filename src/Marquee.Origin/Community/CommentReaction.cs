namespace Marquee.Origin.Community;

/// <summary>One profile's reaction to one comment (one at a time, as viewers know it).</summary>
public sealed class CommentReaction
{
    public required string CommentId { get; init; }

    public required string ProfileId { get; init; }

    public ReactionKind Kind { get; set; }
}

public enum ReactionKind : byte
{
    Like = 0,
    Love = 1,
    Laugh = 2,
    Wow = 3,
    Sad = 4,
}
