namespace Marquee.Origin.Catalog.Search;

/// <summary>The edge check on search text, for the API to run before <see cref="SearchIndex.Search"/>.</summary>
public static class SearchText
{
    public const int MaxLength = 200;

    /// <summary>Null when the text is acceptable (empty browses), otherwise a sentence for a 400 response.</summary>
    public static string? Validate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > MaxLength)
        {
            return $"The search text is {text.Length} characters long; at most {MaxLength} are allowed.";
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return "The search text contains control characters.";
            }
        }

        return null;
    }
}
