namespace Marquee.Origin.Accounts;

/// <summary>
/// One sign-in: a browser's session cookie or an app's refresh-token families. Its id travels as the <c>sid</c> claim
/// in the cookie and in access tokens; revoking it ends that sign-in on its next request, and only that one.
/// </summary>
public sealed class UserSession
{
    public const string Browser = "browser";
    public const string App = "app";
    public const int MaxUserAgentLength = 200;

    public required string Id { get; init; }

    public required string UserId { get; init; }

    /// <summary><see cref="Browser"/> or <see cref="App"/>.</summary>
    public required string Kind { get; init; }

    public long CreatedAtMs { get; init; }

    /// <summary>Moved at most once a minute, when the session is checked.</summary>
    public long LastSeenAtMs { get; set; }

    /// <summary>
    /// A browser session slides like its cookie (last seen plus the cookie's lifetime); an app session lasts as long as
    /// its latest refresh-token family.
    /// </summary>
    public long ExpiresAtMs { get; set; }

    /// <summary>The User-Agent of the sign-in request, at most <see cref="MaxUserAgentLength"/> characters.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The client's address as the origin saw it (after trusted X-Forwarded-For).</summary>
    public string? Address { get; init; }

    public long? RevokedAtMs { get; set; }
}
