namespace Marquee.Origin.Downloads;

/// <summary>
/// A device that has downloaded, named by the app's own stable id (made on its first download). Devices belong to
/// the account, not a profile; the plan's limit counts those holding an active download.
/// </summary>
public sealed class DownloadDevice
{
    public required string UserId { get; init; }

    /// <summary>The app's id for itself: 8 to 64 of <c>A–Z a–z 0–9 - _</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What the app calls itself ("Chromium on Linux"), for the account page.</summary>
    public string Name { get; set; } = "";

    public long CreatedAtMs { get; init; }

    /// <summary>The last download or check-in from the device.</summary>
    public long LastSeenAtMs { get; set; }
}
