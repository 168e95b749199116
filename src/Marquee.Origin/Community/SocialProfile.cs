namespace Marquee.Origin.Community;

/// <summary>
/// A profile's public face: the handle other people see beside its comments, and what it chose to share. A profile
/// without one is invisible to everyone else; kids profiles never get one.
/// </summary>
public sealed class SocialProfile
{
    public required string ProfileId { get; init; }

    /// <summary>The account the profile belongs to: moderation (removing everything, suspending) acts on the person, not one profile.</summary>
    public required string UserId { get; init; }

    /// <summary>As chosen, for display.</summary>
    public required string Handle { get; set; }

    /// <summary>The handle in lower case: unique, and what lookups use, so "Ana" and "ana" are one person.</summary>
    public required string HandleKey { get; set; }

    public required string DisplayName { get; set; }

    public string Bio { get; set; } = "";

    /// <summary>Opted in to be matched with people of similar taste (off by default).</summary>
    public bool TasteMatching { get; set; }

    /// <summary>Opted in to show ratings, reviews and comments on the public page and in followers' feeds (off by default).</summary>
    public bool ShareActivity { get; set; }

    public long CreatedAtMs { get; init; }

    public long UpdatedAtMs { get; set; }
}
