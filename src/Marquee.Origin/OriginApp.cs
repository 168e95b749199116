namespace Marquee.Origin;

/// <summary>Builds the origin web application.</summary>
public static class OriginApp
{
}
