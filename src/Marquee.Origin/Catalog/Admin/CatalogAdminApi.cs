using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Catalog.Admin;

/// <summary>
/// <c>/api/v1/admin/titles</c>: create, edit, publish, unpublish and delete movies and series, and attach uploaded
/// media to them. Every change moves the title's <c>UpdatedAtMs</c> (which other origins follow) and refreshes
/// this origin's browse and search at once.
/// </summary>
public static class CatalogAdminApi
{
    public static IEndpointRouteBuilder MapCatalogAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/titles").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPatch("/{id}", EditAsync);
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/{id}/publish", (string id, CatalogAdmin admin, CancellationToken ct) => admin.SetPublishedAsync(id, true, ct));
        group.MapPost("/{id}/unpublish", (string id, CatalogAdmin admin, CancellationToken ct) => admin.SetPublishedAsync(id, false, ct));
        group.MapPut("/{id}/media", (string id, AssetRequest body, CatalogAdmin admin, CancellationToken ct) => admin.AttachAsync(id, body.AssetId, trailer: false, ct));
        group.MapPut("/{id}/trailer", (string id, AssetRequest body, CatalogAdmin admin, CancellationToken ct) => admin.AttachAsync(id, body.AssetId, trailer: true, ct));
        return routes;
    }

    internal static async Task<Results<Ok<AdminTitlePage>, ValidationProblem>> ListAsync(
        MarqueeDbContext db, TitleQueries queries, CancellationToken cancellationToken, int offset = 0, int limit = 50)
    {
        if (Paging.Validate(offset, limit, TitlesApi.MaxPageSize) is { } invalid)
        {
            return invalid;
        }

        var titles = await db.Titles.AsNoTracking().Include(t => t.Licences).Where(t => t.DeletedAtMs == null)
            .OrderByDescending(t => t.CreatedAtMs).ThenBy(t => t.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        var total = await db.Titles.CountAsync(t => t.DeletedAtMs == null, cancellationToken);
        var views = new List<TitleView>(titles.Count);
        foreach (var title in titles)
        {
            views.Add(await queries.ViewAsync(title, access: null, cancellationToken));
        }

        return TypedResults.Ok(new AdminTitlePage(views, offset, limit, total));
    }

    internal static async Task<Results<Ok<TitleView>, ProblemHttpResult>> GetAsync(string id, TitleQueries queries, CancellationToken cancellationToken)
    {
        var title = id.Length <= 100 ? await queries.FindAsync(id, cancellationToken) : null;
        return title is null ? CatalogResponses.NotFound(id) : TypedResults.Ok(await queries.ViewAsync(title, access: null, cancellationToken));
    }

    internal static async Task<Results<Created<TitleView>, ValidationProblem>> CreateAsync(TitleRequest body, CatalogAdmin admin, CancellationToken cancellationToken)
    {
        var errors = TitleValidator.Validate(body, creating: true);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var view = await admin.CreateAsync(body, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/titles/{view.Id}", view);
    }

    internal static async Task<Results<Ok<TitleView>, ValidationProblem, ProblemHttpResult>> EditAsync(string id, TitleRequest body, CatalogAdmin admin, CancellationToken cancellationToken)
    {
        var errors = TitleValidator.Validate(body, creating: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var view = await admin.EditAsync(id, body, cancellationToken);
        return view is null ? CatalogResponses.NotFound(id) : TypedResults.Ok(view);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, CatalogAdmin admin, CancellationToken cancellationToken) =>
        await admin.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : CatalogResponses.NotFound(id);
}
