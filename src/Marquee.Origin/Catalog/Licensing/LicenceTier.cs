namespace Marquee.Origin.Catalog.Licensing;

public enum LicenceTier
{
    /// <summary>Anyone signed in may watch it, whatever their plan.</summary>
    Free,

    /// <summary>Plans with the full catalog only.</summary>
    Subscription,
}
