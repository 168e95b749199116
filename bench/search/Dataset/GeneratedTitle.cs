namespace Marquee.Bench.Search.Dataset;

/// <summary>One generated movie: what the origin's database and the FTS5 reference are both given.</summary>
internal sealed record GeneratedTitle(
    int Number,
    string Id,
    string AssetId,
    string Name,
    string Synopsis,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> Actors,
    string Director,
    int Year,
    int RuntimeMinutes,
    int MaturityRating,
    long CreatedAtMs,
    IReadOnlyList<GeneratedLicence> Licences)
{
    /// <summary>Everyone credited, actors first, as the origin's catalog lists them.</summary>
    public IEnumerable<string> People => Actors.Append(Director).Distinct(StringComparer.Ordinal);

    public bool OfferedIn(string country, long nowMs) => Licences.Any(l => l.Offers(country, nowMs));
}
