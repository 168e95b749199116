using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// What the collector needs of every document of one segment, read once from doc values into plain arrays
/// indexed by segment doc id, so the per-match path is array reads with no allocation and no stored-field load.
/// Segments never change once written (deletes only hide documents), so the facts live as long as the segment.
/// </summary>
internal sealed class SegmentFacts
{
    public const int NoYear = int.MinValue;

    private SegmentFacts(int maxDoc)
    {
        Ids = new string[maxDoc];
        Years = new int[maxDoc];
        Maturity = new int[maxDoc];
        AddedAt = new long[maxDoc];
        GenreStarts = new int[maxDoc + 1];
    }

    public string[] Ids { get; }
    public int[] Years { get; }
    public int[] Maturity { get; }
    public long[] AddedAt { get; }

    /// <summary>The genres of document d are GenreNumbers[GenreStarts[d] .. GenreStarts[d + 1]).</summary>
    public int[] GenreStarts { get; }
    public int[] GenreNumbers { get; private set; } = [];

    public static SegmentFacts Read(AtomicReader reader, GenreTable genres)
    {
        var maxDoc = reader.MaxDoc;
        var facts = new SegmentFacts(maxDoc);
        var ids = reader.GetBinaryDocValues(SearchFields.Id);
        var years = reader.GetNumericDocValues(SearchFields.Year);
        var maturity = reader.GetNumericDocValues(SearchFields.Maturity);
        var addedAt = reader.GetNumericDocValues(SearchFields.AddedAt);
        var bytes = new BytesRef();
        for (var doc = 0; doc < maxDoc; doc++)
        {
            ids?.Get(doc, bytes);
            facts.Ids[doc] = ids is null ? string.Empty : bytes.Utf8ToString();
            var year = years?.Get(doc) ?? SearchFields.NoYear;
            facts.Years[doc] = year is >= int.MinValue + 1 and <= int.MaxValue ? (int)year : NoYear;
            facts.Maturity[doc] = (int)Math.Clamp(maturity?.Get(doc) ?? 0, int.MinValue, int.MaxValue);
            facts.AddedAt[doc] = addedAt?.Get(doc) ?? 0;
        }

        facts.ReadGenres(reader.GetSortedSetDocValues(SearchFields.GenreFacet), genres, maxDoc);
        return facts;
    }

    private void ReadGenres(SortedSetDocValues? values, GenreTable genres, int maxDoc)
    {
        if (values is null)
        {
            return;
        }

        var numberOfOrd = new int[values.ValueCount];
        var bytes = new BytesRef();
        for (var ord = 0; ord < numberOfOrd.Length; ord++)
        {
            values.LookupOrd(ord, bytes);
            numberOfOrd[ord] = genres.Number(bytes.Utf8ToString());
        }

        var numbers = new List<int>(maxDoc * 2);
        for (var doc = 0; doc < maxDoc; doc++)
        {
            GenreStarts[doc] = numbers.Count;
            values.SetDocument(doc);
            for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
            {
                numbers.Add(numberOfOrd[ord]);
            }
        }

        GenreStarts[maxDoc] = numbers.Count;
        GenreNumbers = [.. numbers];
    }
}
