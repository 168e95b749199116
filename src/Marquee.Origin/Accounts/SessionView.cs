namespace Marquee.Origin.Accounts;

/// <summary>One live sign-in of the account; <paramref name="Current"/> is the one making the request.</summary>
public sealed record SessionView(string Id, string Kind, string Device, string? Address, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Current);
