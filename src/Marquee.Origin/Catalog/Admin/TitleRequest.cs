namespace Marquee.Origin.Catalog.Admin;

/// <summary>Create (all required fields) or edit (only the fields sent) a movie or series.</summary>
public sealed record TitleRequest(
    string? Kind = null,
    string? Title = null,
    string? Slug = null,
    string? Synopsis = null,
    IReadOnlyList<string>? Genres = null,
    int? Year = null,
    int? RuntimeMinutes = null,
    string? OriginalLanguage = null,
    int? MaturityRating = null,
    IReadOnlyList<CreditRequest>? Credits = null,
    bool? Shareable = null);
