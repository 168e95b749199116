using System.Text;

namespace Marquee.Bench.Search.Dataset;

/// <summary>
/// Pronounceable pseudo-words built from syllables ("korvanel", "dreasith"): text that tokenizes, stems and
/// misspells like a real language without any engine having seen it before. Draws from the caller's seeded source.
/// </summary>
internal sealed class WordMaker(Random random)
{
    private static readonly string[] Onsets =
        ["b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pl", "pr",
         "r", "s", "sh", "sk", "st", "t", "th", "tr", "v", "w", "z", "", ""];

    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "ie", "y"];

    private static readonly string[] Codas = ["", "", "n", "r", "l", "s", "m", "nd", "rk", "st", "th", "x", "ld", "nt"];

    /// <summary>Distinct words of <paramref name="minLength"/> to <paramref name="maxLength"/> letters, none of them in <paramref name="taken"/> (which receives them).</summary>
    public List<string> Distinct(int count, int minLength, int maxLength, HashSet<string> taken)
    {
        var words = new List<string>(count);
        while (words.Count < count)
        {
            var word = Next(minLength, maxLength);
            if (taken.Add(word))
            {
                words.Add(word);
            }
        }

        return words;
    }

    private string Next(int minLength, int maxLength)
    {
        var word = new StringBuilder(16);
        while (true)
        {
            word.Clear();
            // Mostly two syllables, which with these parts gives 4 to 10 letters.
            var roll = random.NextDouble();
            var syllables = roll < 0.15 ? 1 : roll < 0.7 ? 2 : 3;
            for (var i = 0; i < syllables; i++)
            {
                word.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
                if (i == syllables - 1 || random.NextDouble() < 0.3)
                {
                    word.Append(Codas[random.Next(Codas.Length)]);
                }
            }

            if (word.Length >= minLength && word.Length <= maxLength)
            {
                return word.ToString();
            }
        }
    }
}
