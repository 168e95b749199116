namespace Marquee.Origin.Entitlements;

/// <summary>
/// The answer to "may this profile do this with this title from here": allowed with the plan's limits, or refused
/// with the HTTP status that fits (403 plan or profile, 451 licence) and a sentence for the viewer.
/// </summary>
public sealed record EntitlementDecision(bool Allowed, int Status, string Title, string Detail, int MaxHeight, int MaxStreams, int DownloadDevices)
{
    public static EntitlementDecision Refuse(int status, string title, string detail) => new(false, status, title, detail, 0, 0, 0);
}
