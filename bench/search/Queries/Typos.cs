namespace Marquee.Bench.Search.Queries;

/// <summary>
/// One edit to a lower-case word, never to its first letter: people rarely mistype the letter they start with, and
/// a query that is wrong from its first letter is a different word more than a typo.
/// </summary>
internal static class Typos
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>The word with one <paramref name="edit"/> at a random place after the first letter; null when the edit cannot change it.</summary>
    public static string? Apply(string word, TypoEdit edit, Random random)
    {
        switch (edit)
        {
            case TypoEdit.Substitute:
            {
                var at = random.Next(1, word.Length);
                var letter = Letters[random.Next(Letters.Length)];
                return letter == word[at] ? null : string.Concat(word.AsSpan(0, at), new string(letter, 1), word.AsSpan(at + 1));
            }

            case TypoEdit.Delete:
            {
                var at = random.Next(1, word.Length);
                return word.Remove(at, 1);
            }

            case TypoEdit.Insert:
            {
                var at = random.Next(1, word.Length + 1);
                return word.Insert(at, new string(Letters[random.Next(Letters.Length)], 1));
            }

            case TypoEdit.Transpose:
            {
                var at = random.Next(1, word.Length - 1);
                return word[at] == word[at + 1] ? null
                    : string.Concat(word.AsSpan(0, at), new string([word[at + 1], word[at]]), word.AsSpan(at + 2));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(edit), edit, null);
        }
    }

    /// <summary>Every string one edit (of any of the four kinds, anywhere) away from <paramref name="word"/>.</summary>
    public static IEnumerable<string> OneEditAway(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return word.Remove(i, 1);
            if (i + 1 < word.Length && word[i] != word[i + 1])
            {
                yield return string.Concat(word.AsSpan(0, i), new string([word[i + 1], word[i]]), word.AsSpan(i + 2));
            }

            foreach (var letter in Letters)
            {
                if (letter != word[i])
                {
                    yield return string.Concat(word.AsSpan(0, i), new string(letter, 1), word.AsSpan(i + 1));
                }
            }
        }

        for (var i = 0; i <= word.Length; i++)
        {
            foreach (var letter in Letters)
            {
                yield return word.Insert(i, new string(letter, 1));
            }
        }
    }
}
