using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Search;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Discovery;

/// <summary>
/// "More like this" (<c>GET /api/v1/titles/{id}/similar</c>) and the admin's rebuild
/// (<c>POST /api/v1/admin/recommendations/rebuild</c>).
/// </summary>
public static class SimilarApi
{
    public const int MaxCount = 50;

    public sealed record SimilarView(string TitleId, IReadOnlyList<TitleSummary> Items);

    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/titles/{id}/similar", SimilarAsync).WithTags("Discovery");
        routes.MapPost("/api/v1/admin/recommendations/rebuild", RebuildAsync).WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        routes.MapRatingsApi();
        return routes;
    }

    /// <summary>
    /// The title's neighbours in the stored model — what people who liked it also liked, blended with content for
    /// titles with little history — less what this viewer may not watch or thumbed down, best first.
    /// </summary>
    internal static async Task<Results<Ok<SimilarView>, ValidationProblem, ProblemHttpResult>> SimilarAsync(
        string id, CatalogIndex catalog, ViewerResolver viewers, RecommendationModel model, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken,
        int count = 20)
    {
        if (count is < 1 or > MaxCount)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"count must be between 1 and {MaxCount}."] });
        }

        var entry = id.Length > 100 ? null : catalog.Find(id) ?? catalog.All.FirstOrDefault(e => e.Slug == id);
        if (entry is null)
        {
            return CatalogResponses.NotFound(id);
        }

        var (viewer, profile) = await viewers.ResolveAsync(http, cancellationToken);
        if (catalog.Access(entry, viewer, catalog.NowMs) == TitleAccess.Hidden)
        {
            return entry.MaturityRating > viewer.MaxMaturity
                ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not available on this profile",
                    detail: $"This title is rated {entry.MaturityRating}+; the profile '{profile?.Name}' is limited to {viewer.MaxMaturity}+.")
                : CatalogResponses.Unavailable(http, viewer.Country);
        }

        var disliked = viewer.ProfileId is null ? []
            : (await db.Ratings.AsNoTracking().Where(r => r.ProfileId == viewer.ProfileId && r.Value == RatingValue.Down).Select(r => r.TitleId).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
        var visible = catalog.Visible(viewer).ToDictionary(v => v.Entry.Id, StringComparer.Ordinal);
        bool Eligible(string other) => other != entry.Id && visible.ContainsKey(other) && !disliked.Contains(other);

        var snapshot = await model.CurrentAsync(db, cancellationToken);
        var ids = snapshot.IndexOf(entry.Id) is { } index
            ? snapshot.Neighbours[index].Select(n => snapshot.Ids[n.Title]).Where(Eligible).Take(count).ToList()
            : [];
        if (ids.Count < count)
        {
            // A title newer than the model (it is rebuilt within a minute): titles sharing most genres, then the newest.
            ids.AddRange(visible.Values.Where(v => Eligible(v.Entry.Id) && !ids.Contains(v.Entry.Id))
                .Select(v => (v.Entry, Shared: v.Entry.Genres.Count(g => entry.Genres.Contains(g, StringComparer.OrdinalIgnoreCase))))
                .OrderByDescending(v => v.Shared).ThenByDescending(v => v.Entry.PublishedAtMs).ThenBy(v => v.Entry.Id, StringComparer.Ordinal)
                .Take(count - ids.Count).Select(v => v.Entry.Id));
        }

        CatalogResponses.Private(http);
        return TypedResults.Ok(new SimilarView(entry.Id, [.. ids.Select(other => TitleSummary.From(visible[other].Entry, visible[other].Access))]));
    }

    internal static async Task<Results<Ok<RebuildSummary>, ProblemHttpResult>> RebuildAsync(RecommendationBuilder builder, CancellationToken cancellationToken) =>
        await builder.RebuildAsync(cancellationToken) is { } summary
            ? TypedResults.Ok(summary)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Rebuild already running",
                detail: "Another origin is rebuilding the recommendations now; its model is served everywhere once it is done.");
}
