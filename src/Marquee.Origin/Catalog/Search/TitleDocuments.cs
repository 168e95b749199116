using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Turns titles into Lucene documents, reusing one set of field instances as Lucene recommends: a new field
/// costs a token stream and attribute lookups of its own. Not thread-safe; the index uses it under its write lock.
/// </summary>
internal sealed class TitleDocuments(CatalogAnalyzer analyzer)
{
    // Words without positions where no phrase is ever asked: smaller and quicker to index.
    private static readonly FieldType WordsOnly = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS });

    private readonly StringField id = new(SearchFields.Id, string.Empty, Field.Store.NO);
    private readonly BinaryDocValuesField idValue = new(SearchFields.Id, new BytesRef());
    private readonly TextField name = new(SearchFields.Name, string.Empty, Field.Store.NO);
    private readonly StringField nameKey = new(SearchFields.NameKey, string.Empty, Field.Store.NO);
    private readonly Field synopsis = new(SearchFields.Synopsis, string.Empty, WordsOnly);
    private readonly Field people = new(SearchFields.People, string.Empty, WordsOnly);
    private readonly Field genres = new(SearchFields.Genres, string.Empty, WordsOnly);
    private readonly NumericDocValuesField year = new(SearchFields.Year, 0);
    private readonly NumericDocValuesField maturity = new(SearchFields.Maturity, 0);
    private readonly NumericDocValuesField addedAt = new(SearchFields.AddedAt, 0);

    /// <summary>The document for <paramref name="title"/>, valid until the next call.</summary>
    public Document For(SearchDocument title)
    {
        var titleName = CatalogAnalyzer.Prepare(title.Name ?? string.Empty);
        id.SetStringValue(title.TitleId);
        idValue.SetBytesValue(new BytesRef(title.TitleId));
        name.SetStringValue(titleName);
        nameKey.SetStringValue(SearchFields.Key(analyzer.Words(titleName, int.MaxValue)));
        synopsis.SetStringValue(CatalogAnalyzer.Prepare(title.Synopsis ?? string.Empty));

        // One value each for people and genres: they carry no positions, so nothing is lost by joining them.
        people.SetStringValue(CatalogAnalyzer.Prepare(string.Join('\n', (title.People ?? []).Where(p => !string.IsNullOrWhiteSpace(p)))));
        var titleGenres = (title.Genres ?? [])
            .Select(g => g?.Trim())
            .OfType<string>()
            .Where(g => g.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        genres.SetStringValue(CatalogAnalyzer.Prepare(string.Join('\n', titleGenres)));

        year.SetInt64Value(title.Year ?? SearchFields.NoYear);
        maturity.SetInt64Value(title.MaturityRating);
        addedAt.SetInt64Value(title.AddedAtMs);

        var document = new Document { id, idValue, name, nameKey, synopsis, people, genres, year, maturity, addedAt };
        foreach (var genre in titleGenres)
        {
            document.Add(new SortedSetDocValuesField(SearchFields.GenreFacet, new BytesRef(genre)));
        }

        return document;
    }

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }
}
