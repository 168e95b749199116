using Marquee.Bench.Search.Dataset;

namespace Marquee.Bench.Search.Queries;

/// <summary>
/// A fixed query set, shaped like what people type: 85% clean (whole names, first words, names cut short while
/// typing, people, a genre with a word) and 15% whole names with exactly one typo. Every query is made from a title a
/// viewer in the US may see. A typo never lands on a word that exists anywhere in the catalog, and never makes the
/// query one edit from another title's name, so its right first result is unambiguous.
/// </summary>
internal static class QueryGenerator
{
    public const double TypoShare = 0.15;

    private static readonly (QueryKind Kind, double Share)[] CleanShares =
    [
        (QueryKind.FullName, 0.35),
        (QueryKind.FirstWords, 0.15),
        (QueryKind.Prefix, 0.25),
        (QueryKind.Person, 0.15),
        (QueryKind.GenreAndWord, 0.10),
    ];

    public static List<BenchQuery> Generate(GeneratedCatalog catalog, int count, int seed)
    {
        var pool = catalog.OfferedInUs;
        if (pool.Count == 0)
        {
            throw new InvalidOperationException("No generated title is offered in the US.");
        }

        var random = new Random(seed);
        var kinds = Kinds(count);
        for (var i = kinds.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (kinds[i], kinds[j]) = (kinds[j], kinds[i]);
        }

        var queries = new List<BenchQuery>(count);
        foreach (var kind in kinds)
        {
            BenchQuery? query = null;
            for (var attempt = 0; query is null; attempt++)
            {
                if (attempt == 10_000)
                {
                    throw new InvalidOperationException($"Could not make a {kind} query from this catalog.");
                }

                query = Make(kind, pool[random.Next(pool.Count)], catalog, random, queries.Count + 1);
            }

            queries.Add(query);
        }

        return queries;
    }

    /// <summary>Exactly <c>round(15%)</c> typos; the clean kinds share the rest by largest remainder.</summary>
    private static List<QueryKind> Kinds(int count)
    {
        var typos = (int)Math.Round(count * TypoShare, MidpointRounding.AwayFromZero);
        var clean = count - typos;
        var exact = CleanShares.Select(s => (s.Kind, Value: clean * s.Share)).ToList();
        var counts = exact.ToDictionary(e => e.Kind, e => (int)Math.Floor(e.Value));
        foreach (var (kind, _) in exact.OrderByDescending(e => e.Value - Math.Floor(e.Value)).Take(clean - counts.Values.Sum()))
        {
            counts[kind]++;
        }

        var kinds = new List<QueryKind>(count);
        foreach (var (kind, _) in CleanShares)
        {
            kinds.AddRange(Enumerable.Repeat(kind, counts[kind]));
        }

        kinds.AddRange(Enumerable.Repeat(QueryKind.Typo, typos));
        return kinds;
    }

    /// <summary>A query of <paramref name="kind"/> from <paramref name="title"/>, or null when this title cannot give one.</summary>
    private static BenchQuery? Make(QueryKind kind, GeneratedTitle title, GeneratedCatalog catalog, Random random, int number)
    {
        var words = title.Name.Split(' ');
        // Most people type in lower case; some as they saw it.
        var lower = random.NextDouble() < 0.65;
        BenchQuery Query(IEnumerable<string> parts, string detail = "")
        {
            var text = string.Join(' ', parts);
            return new BenchQuery(number, kind, lower ? text.ToLowerInvariant() : text, title.Id, title.Name, detail);
        }

        switch (kind)
        {
            case QueryKind.FullName:
                return Query(words);

            case QueryKind.FirstWords:
            {
                if (words.Length < 2)
                {
                    return null;
                }

                var take = random.Next(1, words.Length);
                while (take < words.Length && words.Take(take).All(CatalogGenerator.IsConnector))
                {
                    take++;
                }

                return take == words.Length ? null : Query(words.Take(take));
            }

            case QueryKind.Prefix:
            {
                var last = random.Next(words.Length);
                var word = words[last];
                // A lone first word is typed to three letters before anyone expects results; later ones from two.
                var shortest = last == 0 ? 3 : 2;
                if (CatalogGenerator.IsConnector(word) || word.Length <= shortest)
                {
                    return null;
                }

                var typed = random.Next(shortest, word.Length);
                return Query(words.Take(last).Append(word[..typed]), $"{word} cut to {typed}");
            }

            case QueryKind.Person:
            {
                var people = title.People.ToList();
                return Query([people[random.Next(people.Count)]]);
            }

            case QueryKind.GenreAndWord:
            {
                var candidates = words.Where(w => !CatalogGenerator.IsConnector(w) && w.Length >= 4).ToList();
                if (candidates.Count == 0)
                {
                    return null;
                }

                var genre = title.Genres[random.Next(title.Genres.Count)];
                var word = candidates[random.Next(candidates.Count)];
                return Query(random.NextDouble() < 0.7 ? [genre, word] : [word, genre]);
            }

            case QueryKind.Typo:
                return Typo(words, catalog, random, Query);

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static BenchQuery? Typo(string[] words, GeneratedCatalog catalog, Random random, Func<IEnumerable<string>, string, BenchQuery> query)
    {
        var candidates = Enumerable.Range(0, words.Length).Where(i => !CatalogGenerator.IsConnector(words[i]) && words[i].Length >= 5).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var at = candidates[random.Next(candidates.Count)];
        var original = words[at].ToLowerInvariant();
        var edit = (TypoEdit)random.Next(4);
        var typo = Typos.Apply(original, edit, random);
        if (typo is null || catalog.IsWord(typo))
        {
            return null;
        }

        // Another title whose name is this query with the typo read as a different real word would be as right an answer.
        var tokens = words.Select(w => w.ToLowerInvariant()).ToArray();
        foreach (var neighbour in Typos.OneEditAway(typo))
        {
            if (neighbour != original && catalog.IsWord(neighbour))
            {
                tokens[at] = neighbour;
                if (catalog.IsName(string.Join(' ', tokens)))
                {
                    return null;
                }
            }
        }

        var parts = (string[])words.Clone();
        // The first letter is never edited, so it keeps the case it was shown in.
        parts[at] = words[at][0] + typo[1..];
        return query(parts, $"{edit.ToString().ToLowerInvariant()}: {original} -> {typo}");
    }
}
