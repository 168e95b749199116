using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Marquee.Origin.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Marquee.Origin.Catalog.Admin;

/// <summary><c>/api/v1/admin/titles/{id}/licences</c>: where and when a title (or a whole series) may be offered, and on which tier.</summary>
public static class LicencesAdminApi
{
    public const int MaxLicences = 300;

    public static IEndpointRouteBuilder MapLicencesAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/titles/{id}/licences").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapGet("/", GetAsync);
        group.MapPut("/", ReplaceAsync);
        return routes;
    }

    internal static async Task<Results<Ok<List<LicenceView>>, ProblemHttpResult>> GetAsync(string id, CatalogAdmin admin, CancellationToken cancellationToken)
    {
        var title = await admin.FindAsync(id, cancellationToken);
        return title is null ? CatalogResponses.NotFound(id) : TypedResults.Ok(Views(title));
    }

    /// <summary>Replaces the title's licences with the list sent (an empty list withdraws it everywhere).</summary>
    internal static async Task<Results<Ok<List<LicenceView>>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string id, List<LicenceRequest> body, CatalogAdmin admin, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var title = await admin.FindAsync(id, cancellationToken);
        if (title is null)
        {
            return CatalogResponses.NotFound(id);
        }

        db.Licences.RemoveRange(title.Licences);
        title.Licences = body.Select(l => new Licence
        {
            Id = Ids.New(),
            TitleId = title.Id,
            Country = l.Country == Licence.Everywhere ? Licence.Everywhere : Countries.Normalize(l.Country)!,
            StartsAtMs = l.StartsAt?.ToUnixTimeMilliseconds(),
            EndsAtMs = l.EndsAt?.ToUnixTimeMilliseconds(),
            Tier = l.Tier == "free" ? LicenceTier.Free : LicenceTier.Subscription,
        }).ToList();
        db.Licences.AddRange(title.Licences);
        await admin.SaveAsync(title, cancellationToken);
        return TypedResults.Ok(Views(title));
    }

    private static Dictionary<string, string[]> Validate(List<LicenceRequest>? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is null || body.Count > MaxLicences)
        {
            errors["licences"] = [$"Send a JSON array of at most {MaxLicences} licences."];
            return errors;
        }

        for (var i = 0; i < body.Count; i++)
        {
            var licence = body[i];
            var problems = new List<string>();
            if (licence is null)
            {
                errors[$"[{i}]"] = ["A licence is an object with country, startsAt, endsAt and tier."];
                continue;
            }

            if (licence.Country != Licence.Everywhere && Countries.Normalize(licence.Country) is null)
            {
                problems.Add("country is an ISO 3166-1 alpha-2 code (DE, US…) or \"*\" for everywhere.");
            }

            if (licence.StartsAt is { } start && licence.EndsAt is { } end && end <= start)
            {
                problems.Add("endsAt must be after startsAt.");
            }

            if (licence.Tier is not ("free" or "subscription"))
            {
                problems.Add("tier is \"free\" or \"subscription\".");
            }

            if (problems.Count > 0)
            {
                errors[$"[{i}]"] = [.. problems];
            }
        }

        return errors;
    }

    private static List<LicenceView> Views(Title title) =>
        title.Licences.OrderBy(l => l.Country, StringComparer.Ordinal).ThenBy(l => l.StartsAtMs).Select(LicenceView.From).ToList();
}
