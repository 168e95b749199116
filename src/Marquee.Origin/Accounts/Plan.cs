namespace Marquee.Origin.Accounts;

/// <summary>
/// What an account's subscription allows. Plans are data an admin edits; three are seeded. Every feature asks
/// <see cref="Entitlements.EntitlementService"/> rather than reading these fields itself.
/// </summary>
public sealed class Plan
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>False: only titles marked free. True: the whole catalog (where licensed).</summary>
    public bool FullCatalog { get; set; }

    /// <summary>The tallest rendition (short side in lines) the viewer receives.</summary>
    public int MaxHeight { get; set; }

    public int MaxStreams { get; set; }

    /// <summary>Devices that may hold offline downloads; 0 for none.</summary>
    public int DownloadDevices { get; set; }

    public int PriceCentsPerMonth { get; set; }

    public static IReadOnlyList<Plan> Defaults { get; } =
    [
        new() { Id = "free", Name = "Free", FullCatalog = false, MaxHeight = 480, MaxStreams = 1, DownloadDevices = 0, PriceCentsPerMonth = 0 },
        new() { Id = "standard", Name = "Standard", FullCatalog = true, MaxHeight = 1080, MaxStreams = 2, DownloadDevices = 2, PriceCentsPerMonth = 999 },
        new() { Id = "premium", Name = "Premium", FullCatalog = true, MaxHeight = 2160, MaxStreams = 4, DownloadDevices = 6, PriceCentsPerMonth = 1799 },
    ];
}
