namespace Marquee.Origin.Downloads;

/// <summary>
/// One title or episode stored on one device for one profile: until when it plays, and the key its stored segments
/// are encrypted with. The app keeps the bytes; this row decides whether they may still play.
/// </summary>
public sealed class DownloadLicence
{
    /// <summary><c>dl_</c> and 16 random bytes in base64url.</summary>
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string ProfileId { get; init; }

    public required string DeviceId { get; init; }

    /// <summary>The movie, or the episode's series.</summary>
    public required string TitleId { get; init; }

    public string? EpisodeId { get; init; }

    /// <summary>The episode's id for an episode, the title's for a movie: one licence per profile, device and content.</summary>
    public required string ContentId { get; init; }

    /// <summary>What the app lists: the film's name, or "Series · S1 E2 · Episode", as it was when granted.</summary>
    public string Name { get; set; } = "";

    /// <summary>The rung granted (its height in pixels).</summary>
    public int Height { get; set; }

    /// <summary>16 random bytes: the AES-128 key of the stored segments, released to the app while the licence stands.</summary>
    public required byte[] Key { get; init; }

    public long CreatedAtMs { get; init; }

    /// <summary>Creation or the last renewal: the unwatched expiry counts from here.</summary>
    public long RenewedAtMs { get; set; }

    public long ExpiresAtMs { get; set; }

    /// <summary>Hours a download plays after its first play (the title's setting or the default when granted).</summary>
    public int PlayWindowHours { get; set; }

    public long? FirstPlayedAtMs { get; set; }

    /// <summary>The app must check in before this, or its download stops playing until it does.</summary>
    public long CheckInByMs { get; set; }

    public long? RevokedAtMs { get; set; }

    /// <summary>Why it was revoked, as a sentence the app shows.</summary>
    public string? RevokedReason { get; set; }

    public DownloadStatus StatusAt(long nowMs) =>
        RevokedAtMs is not null ? DownloadStatus.Revoked : nowMs >= ExpiresAtMs ? DownloadStatus.Expired : DownloadStatus.Active;

    /// <summary>When the play window that opens with a first play at <paramref name="firstPlayMs"/> closes.</summary>
    public long PlayWindowEndMs(long firstPlayMs) => firstPlayMs + (PlayWindowHours * 3_600_000L);

    public void Revoke(long nowMs, string reason)
    {
        RevokedAtMs = nowMs;
        RevokedReason = reason;
    }
}

public enum DownloadStatus
{
    Active,
    Expired,
    Revoked,
}
