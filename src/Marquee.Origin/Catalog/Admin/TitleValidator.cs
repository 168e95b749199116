using System.Text.RegularExpressions;
using Marquee.Origin.Accounts;

namespace Marquee.Origin.Catalog.Admin;

/// <summary>The rules for catalog fields, in one place: every problem is reported with its field name.</summary>
public static partial class TitleValidator
{
    public const int MaxGenres = 10;
    public const int MaxCredits = 200;

    public static Dictionary<string, string[]> Validate(TitleRequest request, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (creating && Kinds.Parse(request.Kind ?? "movie") is null)
        {
            errors["kind"] = ["kind is 'movie' or 'series'."];
        }

        if (!creating && request.Kind is not null)
        {
            errors["kind"] = ["A title's kind cannot change; create a new title instead."];
        }

        if ((creating || request.Title is not null) && !IsText(request.Title, 1, 200))
        {
            errors["title"] = ["title is 1 to 200 characters without control characters."];
        }

        if (request.Slug is not null && (request.Slug.Length > 80 || !SlugPattern().IsMatch(request.Slug)))
        {
            errors["slug"] = ["slug is 1 to 80 lower-case letters, digits and single hyphens."];
        }

        if (request.Synopsis is { Length: > 4000 })
        {
            errors["synopsis"] = ["synopsis is at most 4000 characters."];
        }

        if (request.Genres is { } genres && (genres.Count > MaxGenres || genres.Any(g => !IsText(g, 1, 40) || g.Contains(','))))
        {
            errors["genres"] = [$"At most {MaxGenres} genres, each 1 to 40 characters without commas."];
        }

        if (request.Year is < 1870 or > 2200)
        {
            errors["year"] = ["year is between 1870 and 2200."];
        }

        if (request.RuntimeMinutes is < 1 or > 1000)
        {
            errors["runtimeMinutes"] = ["runtimeMinutes is between 1 and 1000."];
        }

        if (request.DownloadDays is < 0 or > 365)
        {
            errors["downloadDays"] = ["downloadDays is between 1 and 365, or 0 for the service's default."];
        }

        if (request.DownloadPlayHours is < 0 or > 24 * 365)
        {
            errors["downloadPlayHours"] = ["downloadPlayHours is between 1 and 8760, or 0 for the service's default."];
        }

        if (request.OriginalLanguage is { } language && language.Length > 0 && !LanguagePattern().IsMatch(language))
        {
            errors["originalLanguage"] = ["originalLanguage is a language tag such as 'en', 'fr' or 'pt-BR'."];
        }

        if (request.MaturityRating is { } rating && !Profile.MaturityLevels.Contains(rating))
        {
            errors["maturityRating"] = [$"maturityRating is one of {string.Join(", ", Profile.MaturityLevels)}."];
        }

        if (request.Credits is { } credits && (credits.Count > MaxCredits
            || credits.Any(c => c is null || !IsText(c.Name, 1, 100) || !IsText(c.Role, 1, 40) || (c.Character is not null && !IsText(c.Character, 0, 100)))))
        {
            errors["credits"] = [$"At most {MaxCredits} credits, each with a name (1-100 characters), a role (1-40) and an optional character (up to 100)."];
        }

        return errors;
    }

    public static bool IsText(string? value, int min, int max) =>
        value is not null && value.Trim().Length >= min && value.Length <= max && !value.Any(char.IsControl);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();
}
