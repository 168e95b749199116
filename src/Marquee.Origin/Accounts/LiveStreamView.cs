namespace Marquee.Origin.Accounts;

/// <summary>
/// One stream playing on the account now: its lease (stoppable with <c>DELETE /api/v1/streams/{leaseId}</c>), the
/// profile watching and the movie or series.
/// </summary>
public sealed record LiveStreamView(string LeaseId, string ProfileName, string TitleId, string Title, DateTimeOffset ExpiresAt);
