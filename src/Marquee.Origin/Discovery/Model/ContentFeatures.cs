namespace Marquee.Origin.Discovery.Model;

/// <summary>What a title is, for similarity without any viewing history: genres, people, year, language, maturity.</summary>
public sealed record TitleFeatures(IReadOnlyList<string> Genres, IReadOnlyList<string> People, int? Year, string Language, int Maturity);

/// <summary>
/// Content similarity between titles, for the cold start: a new title has no viewers, but its genres, people, year,
/// language and maturity still place it near others. Candidates come from inverted lists (shared people; the same
/// genre set; each of its genres, closest in year), so the work per title stays bounded in a catalog of 100,000.
/// </summary>
public sealed class ContentFeatures
{
    private const int MaxPerList = 150;

    private readonly int[][] _genres;
    private readonly int[][] _people;
    private readonly int?[] _years;
    private readonly int[] _languages;
    private readonly int[] _maturity;
    private readonly Dictionary<int, int[]> _byPerson = [];
    private readonly Dictionary<string, int[]> _byGenreSet = [];
    private readonly Dictionary<int, int[]> _byGenre = [];

    public ContentFeatures(IReadOnlyList<TitleFeatures> titles)
    {
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int Id(string name) => names.TryGetValue(name, out var id) ? id : names[name] = names.Count;
        var languages = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _genres = [.. titles.Select(t => t.Genres.Select(g => Id("g:" + g)).Distinct().ToArray())];
        _people = [.. titles.Select(t => t.People.Select(p => Id("p:" + p)).Distinct().ToArray())];
        _years = [.. titles.Select(t => t.Year)];
        _languages = [.. titles.Select(t => string.IsNullOrEmpty(t.Language) ? -1 : languages.TryGetValue(t.Language, out var l) ? l : languages[t.Language] = languages.Count)];
        _maturity = [.. titles.Select(t => t.Maturity)];

        // Lists ordered by year, so "closest in year" is a walk outward from a binary-search position.
        var order = Enumerable.Range(0, titles.Count).OrderBy(t => _years[t] ?? 0).ThenBy(t => t).ToArray();
        var byPerson = new Dictionary<int, List<int>>();
        var byGenreSet = new Dictionary<string, List<int>>();
        var byGenre = new Dictionary<int, List<int>>();
        foreach (var t in order)
        {
            foreach (var p in _people[t])
            {
                (byPerson.TryGetValue(p, out var list) ? list : byPerson[p] = []).Add(t);
            }

            (byGenreSet.TryGetValue(GenreKey(t), out var set) ? set : byGenreSet[GenreKey(t)] = []).Add(t);
            foreach (var g in _genres[t])
            {
                (byGenre.TryGetValue(g, out var list) ? list : byGenre[g] = []).Add(t);
            }
        }

        _byPerson = byPerson.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _byGenreSet = byGenreSet.ToDictionary(p => p.Key, p => p.Value.ToArray());
        _byGenre = byGenre.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    public int Count => _genres.Length;

    /// <summary>Similarity in [0, 1]: genres (Jaccard) 0.5, shared people 0.25, year 0.1, language 0.1, maturity 0.05.</summary>
    public float Similarity(int a, int b)
    {
        var score = 0.5f * Jaccard(_genres[a], _genres[b]);
        var sharedPeople = _people[a].Count(p => Array.IndexOf(_people[b], p) >= 0);
        score += 0.25f * Math.Min(sharedPeople, 2) / 2f;
        if (_years[a] is { } ya && _years[b] is { } yb)
        {
            score += 0.1f * Math.Max(0, 1 - Math.Abs(ya - yb) / 15f);
        }

        if (_languages[a] >= 0 && _languages[a] == _languages[b])
        {
            score += 0.1f;
        }

        if (Math.Abs(_maturity[a] - _maturity[b]) <= 4)
        {
            score += 0.05f;
        }

        return score;
    }

    /// <summary>
    /// The titles worth scoring against <paramref name="title"/>: bounded, never itself. In a small catalog that is
    /// every other title, so even a title sharing no genre or person with any other has neighbours.
    /// </summary>
    public IEnumerable<int> Candidates(int title)
    {
        if (Count <= 2 * MaxPerList)
        {
            for (var t = 0; t < Count; t++)
            {
                if (t != title)
                {
                    yield return t;
                }
            }

            yield break;
        }

        var seen = new HashSet<int> { title };
        foreach (var p in _people[title])
        {
            foreach (var t in Closest(_byPerson[p], title))
            {
                if (seen.Add(t))
                {
                    yield return t;
                }
            }
        }

        foreach (var t in Closest(_byGenreSet[GenreKey(title)], title))
        {
            if (seen.Add(t))
            {
                yield return t;
            }
        }

        foreach (var g in _genres[title])
        {
            foreach (var t in Closest(_byGenre[g], title))
            {
                if (seen.Add(t))
                {
                    yield return t;
                }
            }
        }
    }

    private IEnumerable<int> Closest(int[] byYear, int title)
    {
        if (byYear.Length <= MaxPerList)
        {
            return byYear;
        }

        // Walk outward from the title's year: the MaxPerList entries closest in year.
        var year = _years[title] ?? 0;
        var lo = 0;
        var hi = byYear.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if ((_years[byYear[mid]] ?? 0) < year)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var from = Math.Clamp(lo - MaxPerList / 2, 0, byYear.Length - MaxPerList);
        return new ArraySegment<int>(byYear, from, MaxPerList);
    }

    private string GenreKey(int title) => string.Join(',', _genres[title].Order());

    private static float Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 0;
        }

        var shared = a.Count(x => Array.IndexOf(b, x) >= 0);
        return (float)shared / (a.Length + b.Length - shared);
    }
}
