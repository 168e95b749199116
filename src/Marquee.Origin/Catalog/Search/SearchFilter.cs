namespace Marquee.Origin.Catalog.Search;

/// <summary>The facet filters of a <see cref="SearchQuery"/>, resolved once per search for the collector.</summary>
internal sealed class SearchFilter
{
    private readonly string[] genres;
    private readonly GenreTable table;
    private bool[] allowedGenres = [];

    public SearchFilter(SearchQuery query, GenreTable table)
    {
        this.table = table;
        genres = query.Genres?.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).ToArray() ?? [];
        HasGenres = query.Genres is { Count: > 0 };
        YearFrom = query.YearFrom ?? int.MinValue + 1;
        YearTo = query.YearTo ?? int.MaxValue;
        HasYears = query.YearFrom is not null || query.YearTo is not null;
        MaxMaturity = query.MaxMaturity ?? int.MaxValue;
        Access = query.Access;
    }

    public bool HasGenres { get; }
    public bool HasYears { get; }
    public int YearFrom { get; }
    public int YearTo { get; }
    public int MaxMaturity { get; }
    public TitleAccess? Access { get; }

    /// <summary>By genre number; refreshed when a segment brings genres this filter has not numbered yet.</summary>
    public bool[] AllowedGenres
    {
        get
        {
            if (allowedGenres.Length < table.Count)
            {
                var allowed = new bool[table.Count];
                foreach (var genre in genres)
                {
                    var number = table.Find(genre);
                    if (number >= 0 && number < allowed.Length)
                    {
                        allowed[number] = true;
                    }
                }

                allowedGenres = allowed;
            }

            return allowedGenres;
        }
    }
}
