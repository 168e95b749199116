namespace Marquee.Origin.Catalog;

public enum TitleKind
{
    Movie,
    Series,
}
