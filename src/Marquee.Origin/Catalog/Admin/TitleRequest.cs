namespace Marquee.Origin.Catalog.Admin;

/// <summary>
/// Create (all required fields) or edit (only the fields sent) a movie or series. <see cref="DownloadDays"/> and
/// <see cref="DownloadPlayHours"/> override the <c>Downloads</c> defaults for this title; 0 goes back to them.
/// </summary>
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
    bool? Shareable = null,
    int? DownloadDays = null,
    int? DownloadPlayHours = null);
