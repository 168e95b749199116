using Marquee.Edge.ControlPlane;
using Marquee.Origin.Accounts;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Steering;

/// <summary>
/// Edges and the control plane: <c>POST /api/v1/edges/heartbeat</c> (the edge key; the first heartbeat registers
/// an edge, every one refreshes its health and load, and the reply carries token keys, the steering endpoint and
/// the region's fill list), and for admins <c>GET /api/v1/admin/edges</c> and <c>DELETE /api/v1/admin/edges/{id}</c>.
/// </summary>
public static class EdgesApi
{
    /// <param name="Degraded">The edge is up but said it serves worse than it should; steering ranks it after the healthy edges of its region.</param>
    /// <param name="DegradedReason">Why, in the edge's words (plain text, reasons joined by "; "); null when not degraded.</param>
    public sealed record EdgeView(
        string Id, string Region, string BaseUrl, bool Live, bool Healthy, double LoadFactor, long ActiveConnections, long EgressBytesPerSecond,
        double HitRatio, double ByteHitRatio, long CacheUsedBytes, long CacheCapacityBytes, DateTimeOffset LastSeen, bool Degraded, string? DegradedReason);

    public static IEndpointRouteBuilder MapEdgesApi(this IEndpointRouteBuilder routes)
    {
        // UseEdgeHeartbeats answers these ahead of the middleware; the route is mapped so the API's description has it,
        // through the Delegate overload (RequestDelegate's leaves a route out of the OpenAPI document).
        routes.MapPost(EdgeHeartbeats.Path, (Func<HttpContext, Task>)EdgeHeartbeats.HandleAsync).WithTags("Edges")
            .Accepts<EdgeHeartbeat>("application/json").Produces<HeartbeatReply>().ProducesProblem(401).ProducesProblem(415).ProducesValidationProblem();
        var admin = routes.MapGroup("/api/v1/admin/edges").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapGet("/", ListAsync);
        admin.MapDelete("/{id}", DeleteAsync);
        return routes;
    }

    /// <summary>
    /// Answers heartbeats before the rest of the pipeline: placed after the exception handler and status pages, ahead of
    /// the web app's files, routing, rate limits, sessions, antiforgery and authorization, none of which applies to an
    /// edge presenting the cluster's key. At 200 heartbeats a second that middleware was a fifth of the origin's CPU.
    /// </summary>
    public static IApplicationBuilder UseEdgeHeartbeats(this IApplicationBuilder app) =>
        app.Use((context, next) =>
            HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(EdgeHeartbeats.Path, StringComparison.OrdinalIgnoreCase)
                ? EdgeHeartbeats.HandleAsync(context)
                : next(context));

    internal static async Task<Ok<List<EdgeView>>> ListAsync(EdgeDirectory directory, SteeringRanker ranker, CancellationToken cancellationToken)
    {
        // The directory, not the table: with Redis, an edge's latest heartbeat may be there and not in its row yet.
        directory.Invalidate();
        var edges = (await directory.CurrentAsync(cancellationToken)).OrderBy(e => e.Region, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(edges.Select(e => new EdgeView(
            e.Id, e.Region, e.BaseUrl, ranker.IsLive(e), e.Healthy, e.LoadFactor, e.ActiveConnections, e.EgressBytesPerSecond,
            e.HitRatio, e.ByteHitRatio, e.CacheUsedBytes, e.CacheCapacityBytes, DateTimeOffset.FromUnixTimeMilliseconds(e.LastSeenMs),
            e.Degraded, e.DegradedReason)).ToList());
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, MarqueeDbContext db, EdgeDirectory directory, CancellationToken cancellationToken)
    {
        var removed = id.Length <= 32 && await db.Edges.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken) == 1;
        await directory.ForgetAsync(id);
        return removed ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 404, title: "Edge not found", detail: "No registered edge has this id.");
    }
}
