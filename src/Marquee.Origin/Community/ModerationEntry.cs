namespace Marquee.Origin.Community;

/// <summary>One line of the moderation audit log: who did what to which comment or person, and when.</summary>
public sealed class ModerationEntry
{
    public long Id { get; init; }

    public long AtMs { get; init; }

    /// <summary>The moderator's account, or null for the automatic policy.</summary>
    public string? ModeratorUserId { get; init; }

    public required string Action { get; init; }

    public required string Target { get; init; }

    public string Detail { get; init; } = "";
}
