using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Marquee.Origin.Catalog;

public static class Paging
{
    public const int MaxOffset = 10_000;

    /// <summary>Null when offset and limit are acceptable; otherwise a 400 naming each bad field.</summary>
    public static ValidationProblem? Validate(int offset, int limit, int maxLimit)
    {
        var errors = new Dictionary<string, string[]>();
        if (offset is < 0 or > MaxOffset)
        {
            errors["offset"] = [$"offset must be between 0 and {MaxOffset}."];
        }

        if (limit < 1 || limit > maxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {maxLimit}."];
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }
}
