using Marquee.Edge.Fill;
using Marquee.Edge.Playlists;
using Marquee.Edge.Tokens;
using Marquee.Media.Storage;
using Marquee.Media.Transcoding;
using Marquee.Origin.Assets;
using Marquee.Origin.Hosting;
using Marquee.Origin.Observability;
using Marquee.Origin.Playback;
using Marquee.Origin.Steering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Marquee.Origin.Delivery;

/// <summary>
/// The origin for media objects: <c>/media/{assetId}/v{version}/{path}</c>, only for published versions, with
/// byte ranges, validators and caching suited to immutable, versioned objects. Edges pull with the cluster's edge
/// key and get the objects as stored; viewers (the origin is the last pathway of every player) need a playback
/// token, checked exactly as an edge checks it, and get playlists rewritten for them.
/// </summary>
public static class MediaApi
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    public const string ManifestCacheControl = "public, max-age=60";
    public const string OriginPathway = "origin";
    public const string PosterFile = OutputLayout.Poster;

    /// <summary>The public preview clip, for shared links and the embed: a short cut, never the entitled stream.</summary>
    public const string PreviewFile = OutputLayout.Preview;

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/media/{assetId}/v{version:int}/{**path}", [HttpMethods.Get, HttpMethods.Head], GetAsync)
            .WithName("GetMedia")
            .WithTags("Media");
        return routes;
    }

    internal static async Task<IResult> GetAsync(
        string assetId,
        int version,
        string path,
        HttpContext context,
        IObjectStore store,
        RegionalStores regional,
        PublishedVersions published,
        PackageRenditions renditions,
        OriginMetrics metrics,
        EdgeKey edgeKey,
        PlaybackKeys keys,
        SteeringTargets steering,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        if (!MediaRequestTarget.TryParse(raw, out var target, out var reason))
        {
            return Refused(context, 403, reason);
        }

        // The poster is the title's artwork, shown on browse rows before anyone plays, and the preview is the clip a
        // shared link's card and the embed show to anyone: neither needs a playback token. Only these exact names at
        // the package's top; every other file of the package (the entitled stream) still does.
        var fromEdge = edgeKey.Matches(context.Request.Headers.Authorization);
        var tokenFree = fromEdge || path is PosterFile or PreviewFile;
        var check = tokenFree ? default : PlaybackToken.Verify(target.Token, target.Path, region: null, keys.Ring(), clock.GetUtcNow());
        if (!tokenFree && !check.Allowed)
        {
            return Refused(context, check.Status, check.Reason);
        }

        if (!Ids.IsValid(assetId) || version < 1 || !ObjectKey.IsValid(path)
            || !await published.IsPublishedAsync(assetId, version, cancellationToken))
        {
            return NotFoundProblem();
        }

        // The plan's quality limit, as every edge applies it: no file of a rendition above it, cached or not.
        if (!tokenFree && check.Claims!.MaxHeight > 0 && !path.Contains('/', StringComparison.Ordinal)
            && OutputLayout.TryParseRendition(path, out var rendition)
            && !(await renditions.ForAsync($"media/{assetId}/v{version}/", cancellationToken)).Allows(rendition, check.Claims.MaxHeight))
        {
            return Refused(context, 403, $"This rendition is above the viewer's plan, which includes pictures up to {check.Claims.MaxHeight}p.");
        }

        var key = $"media/{assetId}/v{version}/{path}";
        var stored = fromEdge && regional.For(context.Request.Headers[UpstreamHeaders.Region]) is { } nearer
            ? await nearer.OpenReadAsync(key, cancellationToken) ?? await store.OpenReadAsync(key, cancellationToken)
            : await store.OpenReadAsync(key, cancellationToken);
        if (stored is null)
        {
            return NotFoundProblem();
        }

        context.Response.RegisterForDisposeAsync(stored);
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (!tokenFree && PlaylistRewriter.IsPlaylist(path))
        {
            return await ViewerPlaylistAsync(stored, target, check.Claims!, steering, context, metrics, cancellationToken);
        }

        context.Response.Headers.CacheControl = PlaylistRewriter.IsPlaylist(path) ? ManifestCacheControl : ImmutableCacheControl;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            metrics.MediaBytes.Add(stored.Info.Length);
        }

        return TypedResults.Stream(
            stored.Content,
            stored.Info.ContentType,
            lastModified: stored.Info.LastModified,
            entityTag: EntityTagHeaderValue.Parse(stored.Info.ETag),
            enableRangeProcessing: true);
    }

    private static async Task<IResult> ViewerPlaylistAsync(
        StoredObject stored, MediaRequestTarget target, PlaybackClaims claims, SteeringTargets steering, HttpContext context, OriginMetrics metrics, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stored.Content.CopyToAsync(buffer, cancellationToken);
        var rewriter = new PlaylistRewriter();
        rewriter.UseSteering(steering.For(context, OriginPathway));
        var body = rewriter.Rewrite(target.Key, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), target.Token!, claims);
        context.Response.Headers.CacheControl = "private, no-store";
        metrics.MediaBytes.Add(body.Length);
        return TypedResults.Bytes(body, stored.Info.ContentType);
    }

    private static ProblemHttpResult Refused(HttpContext context, int status, string reason)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Problem(statusCode: status, title: status == 410 ? "Playback expired" : "Forbidden", detail: reason);
    }

    private static ProblemHttpResult NotFoundProblem() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No published media object at this address.");
}
