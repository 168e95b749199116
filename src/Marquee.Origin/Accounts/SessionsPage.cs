namespace Marquee.Origin.Accounts;

/// <summary>Where the account is signed in, newest first, and what it is playing now.</summary>
public sealed record SessionsPage(IReadOnlyList<SessionView> Sessions, IReadOnlyList<LiveStreamView> Streams);
