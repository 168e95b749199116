namespace Marquee.Origin.Accounts;

/// <summary>
/// One viewer of an account. Watch history, lists and ratings belong to a profile. A kids profile sees only titles
/// at or below <see cref="MaturityLimit"/>; a PIN, if set, must be given to select the profile.
/// </summary>
public sealed class Profile
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string Name { get; set; }

    /// <summary>One of the built-in avatar names (<see cref="Avatars"/>).</summary>
    public string Avatar { get; set; } = "blue";

    /// <summary>BCP 47 language tag for the interface and default audio/subtitles.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The highest age rating this profile may watch (0, 7, 13, 16 or 18).</summary>
    public int MaturityLimit { get; set; } = 18;

    /// <summary>Identity's password hash of the PIN, or null when the profile is not locked.</summary>
    public string? PinHash { get; set; }

    public long CreatedAtMs { get; init; }

    public static IReadOnlyList<string> Avatars { get; } = ["blue", "red", "green", "yellow", "purple", "orange", "teal", "pink"];

    public static IReadOnlyList<int> MaturityLevels { get; } = [0, 7, 13, 16, 18];
}
