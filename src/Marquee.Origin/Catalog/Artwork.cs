namespace Marquee.Origin.Catalog;

/// <summary>Uploaded posters: object keys <c>artwork/{titleId}/{sha256}.{jpg|png}</c>, served at <c>/artwork/…</c>.</summary>
public static class Artwork
{
    public const string Prefix = "artwork/";

    public static string Url(string key) => "/" + key;
}
