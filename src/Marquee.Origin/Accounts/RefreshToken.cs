namespace Marquee.Origin.Accounts;

/// <summary>
/// One refresh token, stored as its SHA-256 only. Tokens of one sign-in form a family: each refresh uses one up
/// and issues the next; presenting a used one means it was stolen or replayed, and the whole family is revoked.
/// </summary>
public sealed class RefreshToken
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string FamilyId { get; init; }

    /// <summary>
    /// The <see cref="UserSession"/> the family belongs to. A column rather than using the family id as the session id,
    /// because one session may hold several families in turn: switching profile or changing the password issues a new
    /// family in the same session. Null for tokens issued before sessions existed (a session is made at their next refresh).
    /// </summary>
    public string? SessionId { get; init; }

    /// <summary>The profile the family's access tokens act as; null for the account's first profile.</summary>
    public string? ProfileId { get; init; }

    /// <summary>Hex SHA-256 of the token the client holds.</summary>
    public required string Hash { get; init; }

    public long CreatedAtMs { get; init; }

    /// <summary>The family's absolute end, carried over on every rotation.</summary>
    public long ExpiresAtMs { get; init; }

    public long? UsedAtMs { get; set; }

    public long? RevokedAtMs { get; set; }
}
