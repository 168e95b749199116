using System.Text.RegularExpressions;
using Marquee.Edge.ControlPlane;
using Marquee.Origin.Accounts;
using Marquee.Origin.Data;
using Marquee.Origin.Playback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Steering;

/// <summary>
/// Edges and the control plane: <c>POST /api/v1/edges/heartbeat</c> (the edge key; the first heartbeat registers
/// an edge, every one refreshes its health and load, and the reply carries token keys, the steering endpoint and
/// the region's fill list), and for admins <c>GET /api/v1/admin/edges</c> and <c>DELETE /api/v1/admin/edges/{id}</c>.
/// </summary>
public static partial class EdgesApi
{
    /// <summary>Reasons a degraded edge may give, and their length: an edge gives at most four, each a short line.</summary>
    public const int MaxDegradedReasons = 5;

    public const int MaxDegradedReasonChars = 200;

    /// <summary>The stored reasons joined by "; ".</summary>
    public const int MaxDegradedReasonLength = (MaxDegradedReasons * (MaxDegradedReasonChars + 2)) - 2;

    /// <param name="Degraded">The edge is up but said it serves worse than it should; steering ranks it after the healthy edges of its region.</param>
    /// <param name="DegradedReason">Why, in the edge's words (plain text, reasons joined by "; "); null when not degraded.</param>
    public sealed record EdgeView(
        string Id, string Region, string BaseUrl, bool Live, bool Healthy, double LoadFactor, long ActiveConnections, long EgressBytesPerSecond,
        double HitRatio, double ByteHitRatio, long CacheUsedBytes, long CacheCapacityBytes, DateTimeOffset LastSeen, bool Degraded, string? DegradedReason);

    public static IEndpointRouteBuilder MapEdgesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/edges/heartbeat", HeartbeatAsync).WithTags("Edges");
        var admin = routes.MapGroup("/api/v1/admin/edges").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapGet("/", ListAsync);
        admin.MapDelete("/{id}", DeleteAsync);
        return routes;
    }

    /// <remarks>
    /// The hot path of a large fleet (1,000 edges are 200 heartbeats a second), so a quiet heartbeat touches no database:
    /// the region and the edge come from the directory's memory, the DbContext is only made when a row is written,
    /// Redis takes the last-seen time in batches, and the keys and fill list are made once per period and per minute.
    /// </remarks>
    internal static async Task<Results<Ok<HeartbeatReply>, ProblemHttpResult, ValidationProblem>> HeartbeatAsync(
        EdgeHeartbeat? body, HttpContext http, EdgeKey edgeKey, EdgeDirectory directory, PlaybackKeys keys, FillPlanner fill,
        SteeringTargets targets, IOptions<SteeringOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!edgeKey.Matches(http.Request.Headers.Authorization))
        {
            return TypedResults.Problem(statusCode: 401, title: "Not an edge of this cluster", detail: "Heartbeats need the cluster's edge key as a bearer token.");
        }

        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The heartbeat is not valid");
        }

        if (!await directory.RegionExistsAsync(body!.Region, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["region"] = [$"There is no region '{body.Region}'; see GET /api/v1/regions."] });
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = await directory.StoredAsync(body.Id, cancellationToken);

        // Nothing steering looks at changed and the row is recent: Redis carries this heartbeat, the database is left alone.
        var quiet = stored is { } known && !SteeringChanges(known.Edge, body, now, options.Value)
            && now - known.StoredLastSeenMs < (long)EdgeDirectory.RowRefresh.TotalMilliseconds;
        if (!quiet || !directory.MarkSeen(body.Id, now))
        {
            var db = http.RequestServices.GetRequiredService<MarqueeDbContext>();
            var edge = await db.Edges.SingleOrDefaultAsync(e => e.Id == body.Id, cancellationToken);
            if (edge is null)
            {
                edge = new EdgeNode { Id = body.Id, Region = body.Region, BaseUrl = body.BaseUrl, RegisteredAtMs = now };
                db.Edges.Add(edge);
            }

            Apply(edge, body, now);
            await db.SaveChangesAsync(cancellationToken);
            directory.Upsert(edge);
            directory.MarkSeen(body.Id, now);
            directory.Invalidate();
        }

        return TypedResults.Ok(new HeartbeatReply(
            keys.PublishedForEdges(),
            targets.ServerUri(http).AbsoluteUri,
            options.Value.HeartbeatSeconds,
            await fill.PlanAsync(body.Region, body.FillVersion, cancellationToken)));
    }

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

    /// <summary>Whether this heartbeat changes what steering decides: where the edge is, whether it serves, whether it is degraded or overloaded, or it was offline.</summary>
    private static bool SteeringChanges(EdgeNode edge, EdgeHeartbeat beat, long now, SteeringOptions settings) =>
        edge.Region != beat.Region || edge.BaseUrl != beat.BaseUrl.TrimEnd('/') || edge.Healthy != beat.Healthy || edge.Degraded != beat.Degraded
        || edge.DegradedReason != (beat.Degraded ? string.Join("; ", beat.DegradedReasons!) : null)
        || (edge.LoadFactor >= settings.OverloadedAt) != (beat.LoadFactor >= settings.OverloadedAt)
        || now - edge.LastSeenMs > (long)settings.OfflineAfter.TotalMilliseconds;

    private static void Apply(EdgeNode edge, EdgeHeartbeat beat, long now)
    {
        edge.Region = beat.Region;
        edge.BaseUrl = beat.BaseUrl.TrimEnd('/');
        edge.Healthy = beat.Healthy;
        edge.Degraded = beat.Degraded;
        edge.DegradedReason = beat.Degraded ? string.Join("; ", beat.DegradedReasons!) : null;
        edge.LoadFactor = beat.LoadFactor;
        edge.ActiveConnections = beat.ActiveConnections;
        edge.EgressBytesPerSecond = beat.EgressBytesPerSecond;
        edge.HitRatio = beat.HitRatio;
        edge.ByteHitRatio = beat.ByteHitRatio;
        edge.CacheUsedBytes = beat.CacheUsedBytes;
        edge.CacheCapacityBytes = beat.CacheCapacityBytes;
        edge.LastSeenMs = now;
    }

    private static Dictionary<string, string[]> Validate(EdgeHeartbeat? beat)
    {
        var errors = new Dictionary<string, string[]>();
        if (beat is null)
        {
            errors["body"] = ["Send the heartbeat as JSON."];
            return errors;
        }

        if (beat.Id is null || !Name().IsMatch(beat.Id))
        {
            errors["id"] = ["An edge id is 1–32 lower-case letters, digits or '-'."];
        }

        if (beat.Region is null || !Name().IsMatch(beat.Region))
        {
            errors["region"] = ["A region id is 1–32 lower-case letters, digits or '-'."];
        }

        if (beat.FillVersion is { Length: > 64 })
        {
            errors["fillVersion"] = ["A fill version is the short string a heartbeat reply gave; at most 64 characters."];
        }

        if (beat.BaseUrl is null || beat.BaseUrl.Length > 200 || !Uri.TryCreate(beat.BaseUrl, UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https") || url.PathAndQuery != "/" || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors["baseUrl"] = ["The base URL is an absolute http(s) URL with no path, e.g. http://127.0.0.1:8101."];
        }

        if (!double.IsFinite(beat.LoadFactor) || beat.LoadFactor < 0 || !double.IsFinite(beat.HitRatio) || beat.HitRatio is < 0 or > 1
            || !double.IsFinite(beat.ByteHitRatio) || beat.ByteHitRatio is < 0 or > 1 || beat.ActiveConnections < 0
            || beat.EgressBytesPerSecond < 0 || beat.CacheUsedBytes < 0 || beat.CacheCapacityBytes < 0)
        {
            errors["load"] = ["Load figures are non-negative and ratios lie between 0 and 1."];
        }

        if (ValidateReasons(beat) is { } reasons)
        {
            errors["degradedReasons"] = [reasons];
        }

        return errors;
    }

    /// <summary>
    /// A degraded edge says why, briefly, in plain text: the reasons are shown to operators, so no control
    /// characters (line breaks and escapes that could forge log lines or table rows) and bounded lengths.
    /// </summary>
    private static string? ValidateReasons(EdgeHeartbeat beat)
    {
        var reasons = beat.DegradedReasons ?? [];
        if (beat.Degraded && reasons.Count == 0)
        {
            return "A degraded edge gives at least one reason.";
        }

        if (!beat.Degraded && reasons.Count > 0)
        {
            return "Only a degraded edge gives reasons.";
        }

        if (reasons.Count > MaxDegradedReasons)
        {
            return $"At most {MaxDegradedReasons} reasons.";
        }

        return reasons.Any(r => string.IsNullOrWhiteSpace(r) || r.Length > MaxDegradedReasonChars || r.Any(char.IsControl))
            ? $"Each reason is plain text of 1–{MaxDegradedReasonChars} characters on one line."
            : null;
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex Name();
}
