namespace Marquee.Origin.Community;

/// <summary>A person (an account, every profile of it) who may not comment, review or report until <see cref="UntilMs"/> (null: until lifted).</summary>
public sealed class CommentingSuspension
{
    public required string UserId { get; init; }

    public long? UntilMs { get; set; }

    public long CreatedAtMs { get; set; }

    public bool ActiveAt(long nowMs) => UntilMs is null || UntilMs > nowMs;
}
