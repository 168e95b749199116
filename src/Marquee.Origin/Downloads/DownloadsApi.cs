using System.Security.Claims;
using Marquee.Origin.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Marquee.Origin.Downloads;

/// <summary>
/// <c>/api/v1/downloads</c>: licences for offline copies (grant, list and check in, renew, first play, delete) and
/// the account's download devices. Every answer is private: it carries a key and a token.
/// </summary>
public static class DownloadsApi
{
    public static IEndpointRouteBuilder MapDownloadsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/downloads").WithTags("Downloads").RequireAuthorization();
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/devices", DevicesAsync);
        group.MapDelete("/devices/{id}", RemoveDeviceAsync);
        group.MapPost("/{id}/renew", RenewAsync);
        group.MapPost("/{id}/played", PlayedAsync);
        group.MapDelete("/{id}", DeleteAsync);
        return routes;
    }

    internal static async Task<Results<Created<DownloadView>, Ok<DownloadView>, ProblemHttpResult>> CreateAsync(
        DownloadRequest body, ClaimsPrincipal principal, HttpContext http, DownloadLicensing downloads, CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        var outcome = await downloads.CreateAsync(principal, http, body, cancellationToken);
        return outcome switch
        {
            { View: { } view, Created: true } => TypedResults.Created($"/api/v1/downloads/{view.Id}", view),
            { View: { } view } => TypedResults.Ok(view),
            _ => Problem(http, outcome),
        };
    }

    /// <summary>With <paramref name="deviceId"/>, the app's check-in (see <see cref="DownloadLicensing.ListAsync"/>).</summary>
    internal static async Task<Results<Ok<DownloadsView>, ProblemHttpResult>> ListAsync(
        string? deviceId, ClaimsPrincipal principal, HttpContext http, DownloadLicensing downloads, CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        var (view, refusal) = await downloads.ListAsync(principal, http, deviceId, cancellationToken);
        return view is not null ? TypedResults.Ok(view) : Problem(http, refusal!);
    }

    internal static async Task<Results<Ok<DownloadView>, ProblemHttpResult>> RenewAsync(
        string id, ClaimsPrincipal principal, HttpContext http, DownloadLicensing downloads, CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        var outcome = await downloads.RenewAsync(principal, http, id, cancellationToken);
        return outcome.View is { } view ? TypedResults.Ok(view) : Problem(http, outcome);
    }

    internal static async Task<Results<Ok<DownloadView>, ProblemHttpResult>> PlayedAsync(
        string id, PlayedRequest? body, ClaimsPrincipal principal, HttpContext http, DownloadLicensing downloads, CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        var outcome = await downloads.PlayedAsync(principal, http, id, body, cancellationToken);
        return outcome.View is { } view ? TypedResults.Ok(view) : Problem(http, outcome);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, ClaimsPrincipal principal, DownloadLicensing downloads, CancellationToken cancellationToken) =>
        await downloads.DeleteAsync(principal, id, cancellationToken)
            ? TypedResults.NoContent()
            : ToProblem(DownloadOutcome.NotFound(id));

    internal static async Task<Ok<DevicesView>> DevicesAsync(ClaimsPrincipal principal, HttpContext http, DownloadLicensing downloads, CancellationToken cancellationToken)
    {
        CatalogResponses.Private(http);
        return TypedResults.Ok(await downloads.DevicesAsync(principal, cancellationToken));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveDeviceAsync(
        string id, ClaimsPrincipal principal, DownloadLicensing downloads, CancellationToken cancellationToken) =>
        await downloads.RemoveDeviceAsync(principal, id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 404, title: "Device not found", detail: $"This account has no download device '{CatalogResponses.Truncate(id)}'.");

    private static ProblemHttpResult Problem(HttpContext http, DownloadOutcome outcome) =>
        outcome.Status == StatusCodes.Status451UnavailableForLegalReasons && outcome.Detail is null
            ? CatalogResponses.Unavailable(http, outcome.Country)
            : ToProblem(outcome);

    private static ProblemHttpResult ToProblem(DownloadOutcome outcome) =>
        TypedResults.Problem(statusCode: outcome.Status, title: outcome.Title, detail: outcome.Detail);
}
