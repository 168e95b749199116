namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// The Lucene fields of one title. Nothing is stored: results are read back through doc values
/// (see <see cref="SegmentFacts"/>), which are per segment and need no document loads.
/// </summary>
internal static class SearchFields
{
    public const string Id = "id";                // indexed term for updates and deletes, binary doc value for results
    public const string Name = "name";
    public const string NameKey = "name_key";     // the whole analyzed name as one term: an exact title match
    public const string People = "people";
    public const string Genres = "genres";
    public const string Synopsis = "synopsis";
    public const string GenreFacet = "genre_facet";
    public const string Year = "year";
    public const string Maturity = "maturity";
    public const string AddedAt = "added_at";

    /// <summary>Doc value of a title without a year; never a real year.</summary>
    public const long NoYear = long.MinValue;

    private const int MaxKeyWords = 64;
    private const int MaxKeyLength = 512;

    /// <summary>The words joined by one space, for <see cref="NameKey"/> on both sides.</summary>
    public static string Key(IEnumerable<string> words)
    {
        var key = string.Join(' ', words.Take(MaxKeyWords));
        return key.Length > MaxKeyLength ? key[..MaxKeyLength] : key;
    }
}
