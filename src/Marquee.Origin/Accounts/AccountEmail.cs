namespace Marquee.Origin.Accounts;

/// <summary>One message to an account holder.</summary>
public sealed record AccountEmail(string To, string Subject, string Body);
