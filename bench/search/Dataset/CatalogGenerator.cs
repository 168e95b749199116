using System.Globalization;
using Marquee.Origin.Catalog.Licensing;

namespace Marquee.Bench.Search.Dataset;

/// <summary>
/// The benchmark's catalog, the same for the same seed and size on every run and machine: <c>System.Random</c> with
/// a seed is a fixed algorithm, and nothing here enumerates a hashed collection (string hashes change per process).
/// Names of 1 to 5 pseudo-words drawn with a Zipf skew (some words are in thousands of names, most in a few),
/// unique as typed; synopses of 15 to 30 words; 2 to 4 actors and a director from a shared pool of people; 1 or 2
/// of 20 genres; years 1950 to 2025 leaning recent; licences mostly worldwide, some for one country, a few
/// expired or windowed.
/// </summary>
internal static class CatalogGenerator
{
    /// <summary>Words that join name words ("Korvan of Dust", "The Velmora"); never the target of a typo.</summary>
    public static readonly IReadOnlyList<string> Connectors = ["of", "and", "in", "the"];

    public static readonly IReadOnlyList<string> GenreNames =
    [
        "Drama", "Comedy", "Thriller", "Action", "Documentary", "Romance", "Crime", "Horror", "Adventure", "Family",
        "Science Fiction", "Mystery", "Animation", "Fantasy", "Biography", "History", "Music", "War", "Western", "Sport",
    ];

    private static readonly string[] FunctionWords =
    [
        "a", "the", "of", "and", "in", "to", "with", "his", "her", "their", "who", "when", "after", "must", "finds",
        "into", "from", "an", "as", "for", "on", "by", "at", "while", "before", "until", "between", "against",
    ];

    /// <summary>2024-01-01T00:00Z: every timestamp is fixed, so the data is the same on every run and old enough that the origin's change feed ignores it.</summary>
    private const long BaseMs = 1_704_067_200_000;

    private const long Year2015Ms = 1_420_070_400_000;
    private const long Year2020Ms = 1_577_836_800_000;
    private const long Year2023Ms = 1_672_531_200_000;
    private const long Year2099Ms = 4_070_908_800_000;

    public static GeneratedCatalog Generate(int count, int seed, long nowMs)
    {
        var random = new Random(seed);
        var words = new WordMaker(random);
        var taken = new HashSet<string>(FunctionWords.Concat(Connectors).Concat(GenreNames.SelectMany(Tokens.Split)), StringComparer.Ordinal);

        var vocabulary = words.Distinct(Math.Clamp(count / 3, 3_000, 40_000), 3, 12, taken);
        // Words common in names are not the ones common in prose: two rank orders over the same words.
        var nameWords = Shuffled(vocabulary, random);
        var proseWords = Shuffled(vocabulary, random);
        var nameZipf = new ZipfSampler(nameWords.Count, 0.7);
        var proseZipf = new ZipfSampler(proseWords.Count, 1.0);

        var firstNames = words.Distinct(400, 3, 7, new HashSet<string>(StringComparer.Ordinal));
        var surnames = words.Distinct(Math.Clamp(count / 10, 500, 8_000), 4, 10, new HashSet<string>(StringComparer.Ordinal));
        var people = People(Math.Clamp(count / 4, 500, 30_000), firstNames, surnames, random);
        var peopleZipf = new ZipfSampler(people.Count, 0.8);
        var genreZipf = new ZipfSampler(GenreNames.Count, 0.9);

        var names = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var titles = new List<GeneratedTitle>(count);
        for (var number = 0; number < count; number++)
        {
            string name;
            do
            {
                name = Name(nameWords, nameZipf, random);
            }
            while (!names.Add(Tokens.Normalize(name)));

            var id = NewId(random, ids);
            var genres = new List<string> { GenreNames[genreZipf.Next(random)] };
            if (random.NextDouble() < 0.4 && GenreNames[genreZipf.Next(random)] is var second && second != genres[0])
            {
                genres.Add(second);
            }

            var actors = new List<string>();
            var actorCount = random.Next(2, 5);
            while (actors.Count < actorCount)
            {
                var actor = people[peopleZipf.Next(random)];
                if (!actors.Contains(actor))
                {
                    actors.Add(actor);
                }
            }

            var createdAtMs = BaseMs + (number * 60_000L);
            titles.Add(new GeneratedTitle(
                number, id, NewId(random, ids), name, Synopsis(name, proseWords, proseZipf, random), genres, actors,
                people[peopleZipf.Next(random)], 1950 + (int)(76 * Math.Pow(random.NextDouble(), 0.6)), random.Next(75, 161),
                Maturity(random), createdAtMs, Licences(random, ids)));
        }

        return new GeneratedCatalog(titles, seed, nowMs);
    }

    public static bool IsConnector(string word) => Connectors.Contains(word.ToLowerInvariant());

    private static string Name(List<string> nameWords, ZipfSampler zipf, Random random)
    {
        var roll = random.NextDouble();
        var count = roll < 0.22 ? 1 : roll < 0.57 ? 2 : roll < 0.81 ? 3 : roll < 0.93 ? 4 : 5;
        var parts = new string[count];
        for (var i = 0; i < count; i++)
        {
            parts[i] = Capitalized(nameWords[zipf.Next(random)]);
        }

        if (count >= 3 && random.NextDouble() < 0.25)
        {
            parts[count - 2] = Connectors[random.Next(3)];
        }
        else if (count >= 2 && random.NextDouble() < 0.12)
        {
            parts[0] = "The";
        }

        return string.Join(' ', parts);
    }

    private static string Synopsis(string name, List<string> proseWords, ZipfSampler zipf, Random random)
    {
        var length = random.Next(15, 31);
        var parts = new List<string>(length + 1);
        for (var i = 0; i < length; i++)
        {
            parts.Add(random.NextDouble() < 0.3 ? FunctionWords[random.Next(FunctionWords.Length)]
                : random.NextDouble() < 0.08 ? Capitalized(proseWords[zipf.Next(random)])
                : proseWords[zipf.Next(random)]);
        }

        // Synopses often name their title's subject, which is what makes ranking by the name column matter.
        var nameParts = name.Split(' ').Where(w => !IsConnector(w)).ToList();
        if (random.NextDouble() < 0.3)
        {
            parts.Insert(random.Next(parts.Count), nameParts[random.Next(nameParts.Count)]);
        }

        if (parts.Count > 10 && random.NextDouble() < 0.5)
        {
            parts[random.Next(3, parts.Count - 3)] += ",";
        }

        parts[0] = Capitalized(parts[0]);
        return string.Join(' ', parts) + ".";
    }

    private static List<string> People(int count, List<string> firstNames, List<string> surnames, Random random)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var people = new List<string>(count);
        while (people.Count < count)
        {
            var person = Capitalized(firstNames[random.Next(firstNames.Count)]) + " " + Capitalized(surnames[random.Next(surnames.Count)]);
            if (seen.Add(person))
            {
                people.Add(person);
            }
        }

        return people;
    }

    private static int Maturity(Random random)
    {
        var roll = random.NextDouble();
        return roll < 0.10 ? 0 : roll < 0.25 ? 7 : roll < 0.55 ? 13 : roll < 0.80 ? 16 : 18;
    }

    /// <summary>Mostly worldwide; some titles for one country only; a few expired (seen nowhere) or in a long open window.</summary>
    private static List<GeneratedLicence> Licences(Random random, HashSet<string> ids)
    {
        var tier = random.NextDouble() < 0.2 ? LicenceTier.Free : LicenceTier.Subscription;
        var roll = random.NextDouble();
        GeneratedLicence Licence(string country, long? startsAtMs = null, long? endsAtMs = null) =>
            new(NewId(random, ids), country, tier, startsAtMs, endsAtMs);
        return roll switch
        {
            < 0.780 => [Licence("*")],
            < 0.860 => [Licence("US")],
            < 0.910 => [Licence("DE")],
            < 0.950 => [Licence("JP")],
            < 0.970 => [Licence("US"), Licence("DE")],
            < 0.985 => [Licence("*", Year2015Ms, Year2023Ms)],
            _ => [Licence("US", Year2020Ms, Year2099Ms)],
        };
    }

    /// <summary>16 lowercase hex characters like <c>Ids.New()</c>, but from the seeded source.</summary>
    private static string NewId(Random random, HashSet<string> ids)
    {
        Span<byte> bytes = stackalloc byte[8];
        string id;
        do
        {
            random.NextBytes(bytes);
            id = Convert.ToHexStringLower(bytes);
        }
        while (!ids.Add(id));

        return id;
    }

    private static List<string> Shuffled(List<string> items, Random random)
    {
        var copy = new List<string>(items);
        for (var i = copy.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy;
    }

    private static string Capitalized(string word) =>
        word.Length == 0 ? word : string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(word[0])}{word[1..]}");
}
