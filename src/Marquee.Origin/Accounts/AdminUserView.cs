namespace Marquee.Origin.Accounts;

/// <summary>One account as an administrator sees it in the user list.</summary>
public sealed record AdminUserView(
    string Id,
    string Email,
    string Plan,
    IReadOnlyList<string> Roles,
    bool Disabled,
    bool EmailConfirmed,
    DateTimeOffset CreatedAt);
