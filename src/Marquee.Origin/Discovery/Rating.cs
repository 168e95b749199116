namespace Marquee.Origin.Discovery;

/// <summary>A profile's thumbs on a movie or a series (an episode's rating is its series').</summary>
public sealed class Rating
{
    public required string ProfileId { get; init; }

    public required string TitleId { get; init; }

    public RatingValue Value { get; set; }

    public long UpdatedAtMs { get; set; }
}
