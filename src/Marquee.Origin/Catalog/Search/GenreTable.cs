namespace Marquee.Origin.Catalog.Search;

/// <summary>
/// Every genre the index has seen, numbered once for the life of the index, so that facet counting is an array
/// increment. Genres compare case-insensitively; the first spelling seen is the one shown. It only grows:
/// a genre no title has any more simply counts nothing.
/// </summary>
internal sealed class GenreTable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> numbers = new(StringComparer.OrdinalIgnoreCase);
    private string[] names = new string[16];

    public int Count { get; private set; }

    public int Number(string genre)
    {
        lock (gate)
        {
            if (numbers.TryGetValue(genre, out var number))
            {
                return number;
            }

            number = Count;
            if (number == names.Length)
            {
                Array.Resize(ref names, names.Length * 2);
            }

            names[number] = genre;
            numbers.Add(genre, number);
            Count = number + 1;
            return number;
        }
    }

    /// <summary>The number of a genre already seen, or -1.</summary>
    public int Find(string genre)
    {
        lock (gate)
        {
            return numbers.TryGetValue(genre.Trim(), out var number) ? number : -1;
        }
    }

    public string Name(int number)
    {
        lock (gate)
        {
            return names[number];
        }
    }
}
