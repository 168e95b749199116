namespace Marquee.Origin.Assets;

/// <summary>Where an asset is: being transcoded, published and playable, or failed with a reason.</summary>
public enum AssetStatus
{
    Processing,
    Ready,
    Failed,
}
