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
        // Each candidate is checked on its own: a neighbour list is short, the catalog may hold 100,000 titles.
        var now = catalog.NowMs;
        var chosen = new List<(CatalogEntry Entry, TitleAccess Access)>();
        void Offer(string other)
        {
            if (other != entry.Id && !disliked.Contains(other) && catalog.Find(other) is { } candidate
                && catalog.Access(candidate, viewer, now) is var access && access != TitleAccess.Hidden && chosen.All(c => c.Entry.Id != other))
            {
                chosen.Add((candidate, access));
            }
        }

        var snapshot = await model.CurrentAsync(db, cancellationToken);
        if (snapshot.IndexOf(entry.Id) is { } index)
        {
            foreach (var n in snapshot.Neighbours[index])
            {
                if (chosen.Count == count)
                {
                    break;
                }

                Offer(snapshot.Ids[n.Title]);
            }
        }

        if (chosen.Count < count)
        {
            // A title newer than the model (it is rebuilt within a minute): titles sharing most genres, then the newest.
            foreach (var v in catalog.Visible(viewer).Where(v => v.Entry.Id != entry.Id && !disliked.Contains(v.Entry.Id) && chosen.All(c => c.Entry.Id != v.Entry.Id))
                         .Select(v => (v.Entry, Shared: v.Entry.Genres.Count(g => entry.Genres.Contains(g, StringComparer.OrdinalIgnoreCase))))
                         .OrderByDescending(v => v.Shared).ThenByDescending(v => v.Entry.PublishedAtMs).ThenBy(v => v.Entry.Id, StringComparer.Ordinal)
                         .Take(count - chosen.Count).ToList())
            {
                Offer(v.Entry.Id);
            }
        }

        CatalogResponses.Private(http);
        return TypedResults.Ok(new SimilarView(entry.Id, [.. chosen.Select(c => TitleSummary.From(c.Entry, c.Access))]));
    }

    internal static async Task<Results<Ok<RebuildSummary>, ProblemHttpResult>> RebuildAsync(RecommendationBuilder builder, CancellationToken cancellationToken) =>
        await builder.RebuildAsync(cancellationToken) is { } summary
            ? TypedResults.Ok(summary)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Rebuild already running",
                detail: "Another origin is rebuilding the recommendations now; its model is served everywhere once it is done.");
}
