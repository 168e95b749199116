namespace Marquee.Origin.Accounts;

/// <summary>A page of the user list and how many accounts match in all.</summary>
public sealed record AdminUserPage(IReadOnlyList<AdminUserView> Items, int Total);
