namespace Marquee.Origin.Entitlements;

public enum EntitlementAction
{
    Watch,
    Download,
}
