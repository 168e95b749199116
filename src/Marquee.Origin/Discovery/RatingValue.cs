namespace Marquee.Origin.Discovery;

/// <summary>A profile's thumbs on a title, as viewers know them from Netflix: down, up, or love (two thumbs up).</summary>
public enum RatingValue
{
    Down = -1,
    Up = 1,
    Love = 2,
}

public static class RatingValues
{
    public static string Name(RatingValue value) => value switch
    {
        RatingValue.Down => "down",
        RatingValue.Up => "up",
        _ => "love",
    };

    public static RatingValue? Parse(string? text) => text switch
    {
        "down" => RatingValue.Down,
        "up" => RatingValue.Up,
        "love" => RatingValue.Love,
        _ => null,
    };
}
