namespace Marquee.Origin.Sharing;

/// <summary>An account's invite link code (<c>/join?ref={Code}</c>), made the first time the account asks for it.</summary>
public sealed class Invitation
{
    public required string UserId { get; init; }

    /// <summary>16 random bytes in base64url: the link names the inviter without revealing who it is.</summary>
    public required string Code { get; init; }

    public long CreatedAtMs { get; init; }
}
