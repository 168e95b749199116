namespace Marquee.Bench.Search.Dataset;

/// <summary>
/// The generated titles with what the query generator needs to know about them: every word that occurs anywhere
/// (a typo must not land on one), every full name (a typo must not turn one name into another), and the titles a
/// viewer in the US may see.
/// </summary>
internal sealed class GeneratedCatalog
{
    private readonly HashSet<string> _vocabulary = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public GeneratedCatalog(IReadOnlyList<GeneratedTitle> titles, int seed, long nowMs)
    {
        Titles = titles;
        Seed = seed;
        foreach (var title in titles)
        {
            _names.Add(Tokens.Normalize(title.Name));
            foreach (var text in new[] { title.Name, title.Synopsis }.Concat(title.Genres).Concat(title.People))
            {
                _vocabulary.UnionWith(Tokens.Split(text));
            }
        }

        OfferedInUs = titles.Where(t => t.OfferedIn("US", nowMs)).ToList();
    }

    public IReadOnlyList<GeneratedTitle> Titles { get; }

    public int Seed { get; }

    public IReadOnlyList<GeneratedTitle> OfferedInUs { get; }

    public int VocabularySize => _vocabulary.Count;

    /// <summary>Whether the lower-case <paramref name="word"/> occurs in any field of any title.</summary>
    public bool IsWord(string word) => _vocabulary.Contains(word);

    /// <summary>Whether some title's name normalizes (<see cref="Tokens.Normalize"/>) to <paramref name="normalizedName"/>.</summary>
    public bool IsName(string normalizedName) => _names.Contains(normalizedName);
}
