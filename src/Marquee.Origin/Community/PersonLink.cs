namespace Marquee.Origin.Community;

/// <summary>One profile's relation to another: following, blocking (both stop seeing each other) or muting (only the muter stops seeing).</summary>
public sealed class PersonLink
{
    public required string FromProfileId { get; init; }

    public required string ToProfileId { get; init; }

    public LinkKind Kind { get; init; }

    public long CreatedAtMs { get; init; }
}

public enum LinkKind : byte
{
    Follow = 0,
    Block = 1,
    Mute = 2,
}
