namespace Marquee.Origin.Entitlements;

/// <summary>
/// One of an account's concurrent-stream slots. The key (account, slot) makes the limit exact under any database:
/// a stream takes a free or lapsed slot below the plan's limit, and two devices can never hold the same slot.
/// </summary>
public sealed class StreamLease
{
    public required string UserId { get; init; }

    public int Slot { get; init; }

    /// <summary>What the player holds and renews; changes whenever the slot is taken anew.</summary>
    public required string LeaseId { get; set; }

    public required string ProfileId { get; set; }

    public required string TitleId { get; set; }

    public long ExpiresAtMs { get; set; }
}
