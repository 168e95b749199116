using Marquee.Origin.Catalog.Licensing;

namespace Marquee.Origin.Catalog;

/// <summary>
/// A movie or a series in the catalog. A movie's media is <see cref="AssetId"/>; a series' media is in its
/// episodes. Where and when it may be watched is its <see cref="Licences"/>; it is seen by nobody until published.
/// </summary>
public sealed class Title
{
    public required string Id { get; init; }

    public TitleKind Kind { get; set; } = TitleKind.Movie;

    public required string Name { get; set; }

    public required string Slug { get; set; }

    public string Synopsis { get; set; } = "";

    /// <summary>Comma-separated genre names.</summary>
    public string Genres { get; set; } = "";

    public int? Year { get; set; }

    public int? RuntimeMinutes { get; set; }

    /// <summary>BCP 47 language of the original version ("en", "fr", "ja"…), empty when unknown.</summary>
    public string OriginalLanguage { get; set; } = "";

    /// <summary>Minimum viewer age (0, 7, 13, 16 or 18); unrated titles count as 18 so kids profiles never see them by accident.</summary>
    public int MaturityRating { get; set; } = 18;

    public List<Credit> Credits { get; set; } = [];

    /// <summary>The movie's media; null for a series and for a movie whose upload is not attached yet.</summary>
    public string? AssetId { get; set; }

    public string? TrailerAssetId { get; set; }

    /// <summary>Object key of an uploaded poster; null means the pipeline's poster frame.</summary>
    public string? PosterKey { get; set; }

    public bool Published { get; set; }

    /// <summary>Whether links to the title unfurl into a card, oEmbed answers and the embed plays its preview (on unless an operator turns it off).</summary>
    public bool Shareable { get; set; } = true;

    /// <summary>Days an unwatched download lasts; null for the <c>Downloads:Days</c> default.</summary>
    public int? DownloadDays { get; set; }

    /// <summary>Hours a download plays after its first play; null for the <c>Downloads:PlayWindowHours</c> default.</summary>
    public int? DownloadPlayHours { get; set; }

    public long? PublishedAtMs { get; set; }

    /// <summary>Set when an admin deletes the title; the row stays so every origin's index learns of it.</summary>
    public long? DeletedAtMs { get; set; }

    public List<Licence> Licences { get; set; } = [];

    public long CreatedAtMs { get; init; }

    /// <summary>Moves on every change to the title, its licences or its episodes; the search index follows it.</summary>
    public long UpdatedAtMs { get; set; }
}
