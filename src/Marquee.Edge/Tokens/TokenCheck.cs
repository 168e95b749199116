namespace Marquee.Edge.Tokens;

/// <summary>The verdict on one media request: its claims, or the status (403, 410) and a reason for the log and the client.</summary>
public readonly record struct TokenCheck(PlaybackClaims? Claims, int Status, string Reason)
{
    public bool Allowed => Claims is not null;

    public static TokenCheck Allow(PlaybackClaims claims) => new(claims, 200, "");

    public static TokenCheck Forbidden(string reason) => new(null, 403, reason);

    public static TokenCheck Expired() => new(null, 410, "The playback token has expired; ask for playback again.");
}
