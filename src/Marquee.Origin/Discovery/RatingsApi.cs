using Marquee.Origin.Catalog;
using Marquee.Origin.Community;
using Marquee.Origin.Catalog.Search;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Discovery;

/// <summary>
/// <c>/api/v1/ratings</c>: the current profile's thumbs. A series is rated as a whole: rating one of its episodes rates
/// the series. Only titles the viewer may see here and now can be rated; a rating outlives a licence ending.
/// </summary>
public static class RatingsApi
{
    /// <param name="Review">A sentence or two shown with the rating on the title page; empty clears it, left out keeps it.</param>
    public sealed record RatingRequest(string? Value, string? Review = null, bool? ReviewSpoiler = null);

    /// <param name="ReviewStatus">"visible", "pending" (held for a moderator) or "removed"; null without a review.</param>
    public sealed record RatingView(string TitleId, string? Value, DateTimeOffset? RatedAt, string? Review = null, string? ReviewStatus = null, bool ReviewSpoiler = false);

    public static IEndpointRouteBuilder MapRatingsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/ratings").WithTags("Discovery").RequireAuthorization();
        group.MapGet("/", ListAsync);
        group.MapGet("/{titleId}", GetAsync);
        group.MapPut("/{titleId}", RateAsync);
        group.MapDelete("/{titleId}", ClearAsync);
        return routes;
    }

    internal static async Task<Ok<List<RatingView>>> ListAsync(ViewerResolver viewers, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var rows = await db.Ratings.AsNoTracking().Where(r => r.ProfileId == viewer.ProfileId)
            .OrderByDescending(r => r.UpdatedAtMs).ThenBy(r => r.TitleId).ToListAsync(cancellationToken);
        var reviews = await Reviews.OfAsync(db, viewer.ProfileId!, null, cancellationToken);
        CatalogResponses.Private(http);
        return TypedResults.Ok(rows.Select(r => View(r, reviews)).ToList());
    }

    internal static async Task<Results<Ok<RatingView>, ProblemHttpResult>> GetAsync(
        string titleId, ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var seriesOrMovie = await RatedTitleAsync(titleId, viewer, catalog, db, cancellationToken);
        if (seriesOrMovie is null)
        {
            return NotFound();
        }

        var row = await db.Ratings.AsNoTracking().SingleOrDefaultAsync(r => r.ProfileId == viewer.ProfileId && r.TitleId == seriesOrMovie, cancellationToken);
        var reviews = await Reviews.OfAsync(db, viewer.ProfileId!, [seriesOrMovie], cancellationToken);
        CatalogResponses.Private(http);
        return TypedResults.Ok(row is null ? new RatingView(seriesOrMovie, null, null) : View(row, reviews));
    }

    internal static async Task<Results<Ok<RatingView>, ValidationProblem, ProblemHttpResult>> RateAsync(
        string titleId, RatingRequest? body, ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, Reviews reviews, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (RatingValues.Parse(body?.Value) is not { } value)
        {
            errors["value"] = ["value is \"down\", \"up\" or \"love\"."];
            value = default;
        }

        if (Reviews.Error(body?.Review) is { } reviewError)
        {
            errors["review"] = [reviewError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var seriesOrMovie = await RatedTitleAsync(titleId, viewer, catalog, db, cancellationToken);
        if (seriesOrMovie is null)
        {
            return NotFound();
        }

        // The review first: when it is refused (no public name yet, too many, suspended), nothing is kept.
        if (await reviews.ApplyAsync(seriesOrMovie, body!.Review, body.ReviewSpoiler, http, cancellationToken) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var updated = await db.Ratings.Where(r => r.ProfileId == viewer.ProfileId && r.TitleId == seriesOrMovie)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Value, value).SetProperty(r => r.UpdatedAtMs, now), cancellationToken);
        var row = new Rating { ProfileId = viewer.ProfileId!, TitleId = seriesOrMovie, Value = value, UpdatedAtMs = now };
        if (updated == 0)
        {
            db.Ratings.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same profile rated the same title a moment ago on another request: this one wins.
                db.ChangeTracker.Clear();
                await db.Ratings.Where(r => r.ProfileId == viewer.ProfileId && r.TitleId == seriesOrMovie)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Value, value).SetProperty(r => r.UpdatedAtMs, now), cancellationToken);
            }
        }

        return TypedResults.Ok(View(row, await Reviews.OfAsync(db, viewer.ProfileId!, [seriesOrMovie], cancellationToken)));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ClearAsync(
        string titleId, ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        // An episode's id clears its series' rating; a title no longer visible can still be cleared by its own id.
        var seriesOrMovie = await RatedTitleAsync(titleId, viewer, catalog, db, cancellationToken) ?? titleId;
        await db.Ratings.Where(r => r.ProfileId == viewer.ProfileId && r.TitleId == seriesOrMovie).ExecuteDeleteAsync(cancellationToken);
        await Reviews.DeleteAsync(db, viewer.ProfileId!, seriesOrMovie, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The movie or series a rating of <paramref name="id"/> is about, when the viewer may see it; else null.</summary>
    private static async Task<string?> RatedTitleAsync(string id, Viewer viewer, CatalogIndex catalog, MarqueeDbContext db, CancellationToken cancellationToken) =>
        (await TitleTargets.ResolveAsync(id, viewer, catalog, db, cancellationToken))?.TitleId;

    private static RatingView View(Rating r, Dictionary<string, (string Body, string Status, bool Spoiler)> reviews) =>
        reviews.TryGetValue(r.TitleId, out var review)
            ? new(r.TitleId, RatingValues.Name(r.Value), DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAtMs), review.Body, review.Status, review.Spoiler)
            : new(r.TitleId, RatingValues.Name(r.Value), DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAtMs));

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Title not found", detail: "There is no title or episode with this id that you can watch here.");
}
