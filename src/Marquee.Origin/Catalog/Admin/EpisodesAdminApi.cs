using Marquee.Origin.Accounts;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Catalog.Admin;

/// <summary>Seasons and episodes of a series: <c>/api/v1/admin/titles/{id}/seasons</c>, <c>/api/v1/admin/seasons/{id}</c>, <c>/api/v1/admin/episodes/{id}</c>.</summary>
public static class EpisodesAdminApi
{
    public static IEndpointRouteBuilder MapEpisodesAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        group.MapPost("/titles/{id}/seasons", AddSeasonAsync);
        group.MapPatch("/seasons/{id}", EditSeasonAsync);
        group.MapDelete("/seasons/{id}", DeleteSeasonAsync);
        group.MapPost("/seasons/{id}/episodes", AddEpisodeAsync);
        group.MapPatch("/episodes/{id}", EditEpisodeAsync);
        group.MapDelete("/episodes/{id}", DeleteEpisodeAsync);
        return routes;
    }

    internal static async Task<Results<Created<TitleView>, ValidationProblem, ProblemHttpResult>> AddSeasonAsync(
        string id, SeasonRequest body, CatalogAdmin admin, TitleQueries queries, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        if (Validate(body) is { } invalid)
        {
            return invalid;
        }

        var series = await admin.FindAsync(id, cancellationToken);
        if (series is not { Kind: TitleKind.Series })
        {
            return NotFound("series", id);
        }

        if (await db.Seasons.AnyAsync(s => s.SeriesId == id && s.Number == body.Number, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Season exists", detail: $"This series already has a season {body.Number}.");
        }

        db.Seasons.Add(new Season { Id = Ids.New(), SeriesId = id, Number = body.Number!.Value, Name = body.Name?.Trim() ?? $"Season {body.Number}" });
        await admin.SaveAsync(series, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/titles/{id}", await queries.ViewAsync(series, access: null, cancellationToken));
    }

    internal static async Task<Results<Ok<TitleView>, ValidationProblem, ProblemHttpResult>> EditSeasonAsync(
        string id, SeasonRequest body, CatalogAdmin admin, TitleQueries queries, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        if (Validate(body with { Number = body.Number ?? 1 }) is { } invalid)
        {
            return invalid;
        }

        var season = await db.Seasons.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        var series = season is null ? null : await admin.FindAsync(season.SeriesId, cancellationToken);
        if (season is null || series is null)
        {
            return NotFound("season", id);
        }

        if (body.Number is { } number && number != season.Number && await db.Seasons.AnyAsync(s => s.SeriesId == season.SeriesId && s.Number == number, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Season exists", detail: $"This series already has a season {number}.");
        }

        season.Number = body.Number ?? season.Number;
        season.Name = body.Name?.Trim() ?? season.Name;
        await admin.SaveAsync(series, cancellationToken);
        return TypedResults.Ok(await queries.ViewAsync(series, access: null, cancellationToken));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteSeasonAsync(string id, CatalogAdmin admin, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var season = await db.Seasons.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        var series = season is null ? null : await admin.FindAsync(season.SeriesId, cancellationToken);
        if (season is null || series is null)
        {
            return NotFound("season", id);
        }

        db.Seasons.Remove(season);
        await admin.SaveAsync(series, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Created<EpisodeView>, ValidationProblem, ProblemHttpResult>> AddEpisodeAsync(
        string id, EpisodeRequest body, CatalogAdmin admin, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        if (Validate(body, creating: true) is { } invalid)
        {
            return invalid;
        }

        var season = await db.Seasons.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        var series = season is null ? null : await admin.FindAsync(season.SeriesId, cancellationToken);
        if (season is null || series is null)
        {
            return NotFound("season", id);
        }

        if (await db.Episodes.AnyAsync(e => e.SeasonId == id && e.Number == body.Number, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Episode exists", detail: $"This season already has an episode {body.Number}.");
        }

        if (await admin.AssetProblemAsync(body.AssetId, cancellationToken) is { } problem)
        {
            return problem;
        }

        var episode = new Episode
        {
            Id = Ids.New(), SeriesId = season.SeriesId, SeasonId = id, Number = body.Number!.Value, Name = body.Name!.Trim(),
            Synopsis = body.Synopsis?.Trim() ?? "", RuntimeMinutes = body.RuntimeMinutes, AssetId = body.AssetId,
        };
        db.Episodes.Add(episode);
        await admin.SaveAsync(series, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/episodes/{episode.Id}",
            new EpisodeView(episode.Id, episode.Number, episode.Name, episode.Synopsis, episode.RuntimeMinutes, MediaView.Missing));
    }

    internal static async Task<Results<Ok<TitleView>, ValidationProblem, ProblemHttpResult>> EditEpisodeAsync(
        string id, EpisodeRequest body, CatalogAdmin admin, TitleQueries queries, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        if (Validate(body, creating: false) is { } invalid)
        {
            return invalid;
        }

        var episode = await db.Episodes.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        var series = episode is null ? null : await admin.FindAsync(episode.SeriesId, cancellationToken);
        if (episode is null || series is null)
        {
            return NotFound("episode", id);
        }

        if (await admin.AssetProblemAsync(body.AssetId, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (body.Number is { } number && number != episode.Number && await db.Episodes.AnyAsync(e => e.SeasonId == episode.SeasonId && e.Number == number, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Episode exists", detail: $"This season already has an episode {number}.");
        }

        episode.Number = body.Number ?? episode.Number;
        episode.Name = body.Name?.Trim() ?? episode.Name;
        episode.Synopsis = body.Synopsis?.Trim() ?? episode.Synopsis;
        episode.RuntimeMinutes = body.RuntimeMinutes ?? episode.RuntimeMinutes;
        episode.AssetId = body.AssetId ?? episode.AssetId;
        await admin.SaveAsync(series, cancellationToken);
        return TypedResults.Ok(await queries.ViewAsync(series, access: null, cancellationToken));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteEpisodeAsync(string id, CatalogAdmin admin, MarqueeDbContext db, CancellationToken cancellationToken)
    {
        var episode = await db.Episodes.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        var series = episode is null ? null : await admin.FindAsync(episode.SeriesId, cancellationToken);
        if (episode is null || series is null)
        {
            return NotFound("episode", id);
        }

        db.Episodes.Remove(episode);
        await admin.SaveAsync(series, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ValidationProblem? Validate(SeasonRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Number is null or < 0 or > 1000)
        {
            errors["number"] = ["number is between 0 and 1000."];
        }

        if (body.Name is not null && !TitleValidator.IsText(body.Name, 1, 200))
        {
            errors["name"] = ["name is 1 to 200 characters without control characters."];
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static ValidationProblem? Validate(EpisodeRequest body, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if ((creating || body.Number is not null) && body.Number is null or < 0 or > 10000)
        {
            errors["number"] = ["number is between 0 and 10000."];
        }

        if ((creating || body.Name is not null) && !TitleValidator.IsText(body.Name, 1, 200))
        {
            errors["name"] = ["name is 1 to 200 characters without control characters."];
        }

        if (body.Synopsis is { Length: > 4000 })
        {
            errors["synopsis"] = ["synopsis is at most 4000 characters."];
        }

        if (body.RuntimeMinutes is < 1 or > 1000)
        {
            errors["runtimeMinutes"] = ["runtimeMinutes is between 1 and 1000."];
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}", detail: $"There is no {what} with the id '{CatalogResponses.Truncate(id)}'.");
}
