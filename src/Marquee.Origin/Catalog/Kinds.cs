namespace Marquee.Origin.Catalog;

/// <summary>Title kinds as the API writes them.</summary>
public static class Kinds
{
    public static string Name(TitleKind kind) => kind == TitleKind.Series ? "series" : "movie";

    public static TitleKind? Parse(string? value) => value switch
    {
        "movie" => TitleKind.Movie,
        "series" => TitleKind.Series,
        _ => null,
    };
}
