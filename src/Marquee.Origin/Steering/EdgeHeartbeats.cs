using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marquee.Edge.ControlPlane;
using Marquee.Origin.Data;
using Marquee.Origin.Playback;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Steering;

/// <summary>
/// <c>POST /api/v1/edges/heartbeat</c> with the edge key: the first heartbeat registers an edge, every one refreshes
/// its health and load, and the reply carries token keys, the steering endpoint and the region's fill list.
/// </summary>
/// <remarks>
/// The hot path of a large fleet (1,000 edges are 200 heartbeats a second), so a quiet heartbeat touches no database:
/// the region and the edge come from the directory's memory, the DbContext is only made when a row is written,
/// Redis takes the last-seen time in batches, and the keys and fill list are made once per period and per minute.
/// Heartbeats are answered ahead of the middleware (<see cref="EdgesApi.UseEdgeHeartbeats"/>: sessions, antiforgery,
/// rate limits and the web app's files say nothing to an edge), and a reply is serialized once for every heartbeat
/// that gets the same keys, steering URL and fill list. Measured by <c>bench/scale/run heartbeats</c>.
/// </remarks>
public sealed partial class EdgeHeartbeats(
    EdgeKey edgeKey, EdgeDirectory directory, PlaybackKeys keys, FillPlanner fill, SteeringTargets targets,
    IOptions<SteeringOptions> options, TimeProvider clock)
{
    public const string Path = "/api/v1/edges/heartbeat";

    /// <summary>Reasons a degraded edge may give, and their length: an edge gives at most four, each a short line.</summary>
    public const int MaxDegradedReasons = 5;

    public const int MaxDegradedReasonChars = 200;

    /// <summary>The stored reasons joined by "; ".</summary>
    public const int MaxDegradedReasonLength = (MaxDegradedReasons * (MaxDegradedReasonChars + 2)) - 2;

    /// <summary>Serialized replies by the fill plan they carry (a plan is one object per region and minute, so entries go with their plans).</summary>
    private readonly ConditionalWeakTable<FillPlan, Reply> replies = [];

    private SteeringUrl steering = new("", "");

    public static Task HandleAsync(HttpContext context) => context.RequestServices.GetRequiredService<EdgeHeartbeats>().AnswerAsync(context);

    private async Task AnswerAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        if (!edgeKey.Matches(http.Request.Headers.Authorization))
        {
            await TypedResults.Problem(statusCode: 401, title: "Not an edge of this cluster", detail: "Heartbeats need the cluster's edge key as a bearer token.").ExecuteAsync(http);
            return;
        }

        if (!http.Request.HasJsonContentType())
        {
            await TypedResults.Problem(statusCode: 415, title: "The heartbeat is not JSON", detail: "Send the heartbeat with Content-Type: application/json.").ExecuteAsync(http);
            return;
        }

        EdgeHeartbeat? body;
        try
        {
            body = http.Request.ContentLength == 0 ? null : await http.Request.ReadFromJsonAsync(ControlPlaneJson.Default.EdgeHeartbeat, cancellationToken);
        }
        catch (JsonException)
        {
            body = null;
        }
        catch (BadHttpRequestException e)
        {
            // A body over the request limit (413) or cut short.
            await TypedResults.Problem(statusCode: e.StatusCode, title: e.StatusCode == 413 ? "The heartbeat is too large" : "The heartbeat could not be read", detail: e.Message).ExecuteAsync(http);
            return;
        }

        var errors = Validate(body);
        if (errors.Count > 0)
        {
            await TypedResults.ValidationProblem(errors, title: "The heartbeat is not valid").ExecuteAsync(http);
            return;
        }

        if (!await directory.RegionExistsAsync(body!.Region, cancellationToken))
        {
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["region"] = [$"There is no region '{body.Region}'; see GET /api/v1/regions."] }).ExecuteAsync(http);
            return;
        }

        await RecordAsync(http, body, cancellationToken);
        var reply = ReplyFor(targets.OriginBase(http), await fill.PlanAsync(body.Region, body.FillVersion, cancellationToken));
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = reply.Length;
        await http.Response.Body.WriteAsync(reply, cancellationToken);
    }

    private async Task RecordAsync(HttpContext http, EdgeHeartbeat body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = await directory.StoredAsync(body.Id, cancellationToken);

        // Nothing steering looks at changed and the row is recent: Redis carries this heartbeat, the database is left alone.
        var quiet = stored is { } known && !SteeringChanges(known.Edge, body, now, options.Value)
            && now - known.StoredLastSeenMs < (long)EdgeDirectory.RowRefresh.TotalMilliseconds;
        if (quiet && directory.MarkSeen(body.Id, now))
        {
            return;
        }

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

    /// <summary>The reply's bytes: serialized again only when the keys' period, the steering URL or the plan changed.</summary>
    private byte[] ReplyFor(string originBase, FillPlan plan)
    {
        var published = keys.PublishedForEdges();
        var seconds = options.Value.HeartbeatSeconds;
        var known = steering;
        if (known.Base != originBase)
        {
            known = new SteeringUrl(originBase, new Uri(originBase + SteeringTargets.Path).AbsoluteUri);
            steering = known;
        }

        if (replies.TryGetValue(plan, out var cached) && ReferenceEquals(cached.Keys, published) && cached.SteeringUrl == known.Url && cached.Seconds == seconds)
        {
            return cached.Bytes;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(new HeartbeatReply(published, known.Url, seconds, plan), ControlPlaneJson.Default.HeartbeatReply);
        replies.AddOrUpdate(plan, new Reply(published, known.Url, seconds, bytes));
        return bytes;
    }

    /// <summary>The steering URL for an origin base (one object, so a reader never sees half of a change).</summary>
    private sealed record SteeringUrl(string Base, string Url);

    private sealed record Reply(IReadOnlyList<TokenKeyView> Keys, string SteeringUrl, int Seconds, byte[] Bytes);

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
