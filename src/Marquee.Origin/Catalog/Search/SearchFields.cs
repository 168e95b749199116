using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

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

    // Words without positions where no phrase is ever asked: smaller and quicker to index.
    private static readonly FieldType WordsOnly = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS });

    public static Document ToLucene(SearchDocument title, CatalogAnalyzer analyzer)
    {
        var document = new Document
        {
            new StringField(Id, title.TitleId, Field.Store.NO),
            new BinaryDocValuesField(Id, new BytesRef(title.TitleId)),
            new TextField(Name, title.Name ?? string.Empty, Field.Store.NO),
            new StringField(NameKey, Key(analyzer, title.Name ?? string.Empty), Field.Store.NO),
            new Field(Synopsis, title.Synopsis ?? string.Empty, WordsOnly),
            new NumericDocValuesField(Year, title.Year ?? NoYear),
            new NumericDocValuesField(Maturity, title.MaturityRating),
            new NumericDocValuesField(AddedAt, title.AddedAtMs),
        };

        foreach (var person in title.People ?? [])
        {
            if (!string.IsNullOrWhiteSpace(person))
            {
                document.Add(new Field(People, person, WordsOnly));
            }
        }

        var seenGenres = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var genre in title.Genres ?? [])
        {
            var trimmed = genre?.Trim();
            if (string.IsNullOrEmpty(trimmed) || !seenGenres.Add(trimmed))
            {
                continue;
            }

            document.Add(new Field(Genres, trimmed, WordsOnly));
            document.Add(new SortedSetDocValuesField(GenreFacet, new BytesRef(trimmed)));
        }

        return document;
    }

    /// <summary>The same words joined by one space, for <see cref="NameKey"/> on both sides.</summary>
    public static string Key(CatalogAnalyzer analyzer, string name)
    {
        var key = string.Join(' ', analyzer.Words(name, MaxKeyWords));
        return key.Length > MaxKeyLength ? key[..MaxKeyLength] : key;
    }

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    private const int MaxKeyWords = 64;
    private const int MaxKeyLength = 512;
}
