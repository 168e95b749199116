using System.Globalization;

namespace Marquee.Origin.Catalog.Search;

/// <summary>Counts of one search's visible matches by genre, decade, maturity rating and access, in arrays.</summary>
internal sealed class FacetCounts(GenreTable table)
{
    private const int MaxDecade = 1000;   // years 0 to 9999
    private const int MaxArrayRating = 100;

    private readonly int[] decades = new int[MaxDecade];
    private readonly int[] ratings = new int[MaxArrayRating];
    private Dictionary<int, int>? otherRatings;
    private int[] genres = new int[Math.Max(16, table.Count)];
    private int free;
    private int subscription;

    /// <summary>Called when a segment starts, so the per-document path needs no bounds growth.</summary>
    public void EnsureGenres(int count)
    {
        if (genres.Length < count)
        {
            Array.Resize(ref genres, Math.Max(count, genres.Length * 2));
        }
    }

    public void Add(SegmentFacts facts, int doc, TitleAccess access)
    {
        var numbers = facts.GenreNumbers;
        for (int i = facts.GenreStarts[doc], end = facts.GenreStarts[doc + 1]; i < end; i++)
        {
            genres[numbers[i]]++;
        }

        var year = facts.Years[doc];
        if (year >= 0 && year / 10 < MaxDecade)
        {
            decades[year / 10]++;
        }

        var rating = facts.Maturity[doc];
        if (rating is >= 0 and < MaxArrayRating)
        {
            ratings[rating]++;
        }
        else
        {
            otherRatings ??= [];
            otherRatings[rating] = otherRatings.GetValueOrDefault(rating) + 1;
        }

        if (access == TitleAccess.Free)
        {
            free++;
        }
        else
        {
            subscription++;
        }
    }

    public List<SearchFacetValue> Genres()
    {
        var values = new List<SearchFacetValue>();
        for (var number = 0; number < genres.Length; number++)
        {
            if (genres[number] > 0)
            {
                values.Add(new SearchFacetValue(table.Name(number), genres[number]));
            }
        }

        values.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.Compare(a.Value, b.Value, StringComparison.OrdinalIgnoreCase));
        return values;
    }

    public List<SearchFacetValue> Decades()
    {
        var values = new List<SearchFacetValue>();
        for (var decade = 0; decade < MaxDecade; decade++)
        {
            if (decades[decade] > 0)
            {
                values.Add(new SearchFacetValue(string.Create(CultureInfo.InvariantCulture, $"{decade * 10}s"), decades[decade]));
            }
        }

        return values;
    }

    public List<SearchFacetValue> Maturity()
    {
        var counts = new SortedDictionary<int, int>(otherRatings ?? []);
        for (var rating = 0; rating < MaxArrayRating; rating++)
        {
            if (ratings[rating] > 0)
            {
                counts[rating] = ratings[rating];
            }
        }

        return [.. counts.Select(c => new SearchFacetValue(c.Key.ToString(CultureInfo.InvariantCulture), c.Value))];
    }

    public List<SearchFacetValue> Access()
    {
        var values = new List<SearchFacetValue>(2);
        if (free > 0)
        {
            values.Add(new SearchFacetValue("free", free));
        }

        if (subscription > 0)
        {
            values.Add(new SearchFacetValue("subscription", subscription));
        }

        return values;
    }
}
