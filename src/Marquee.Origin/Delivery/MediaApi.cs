using Marquee.Media.Storage;
using Marquee.Origin.Assets;
using Marquee.Origin.Hosting;
using Marquee.Origin.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Marquee.Origin.Delivery;

/// <summary>
/// The origin for media objects: <c>/media/{assetId}/v{version}/{path}</c>, only for published versions, with
/// byte ranges, validators and caching suited to immutable, versioned objects.
/// </summary>
public static class MediaApi
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    public const string ManifestCacheControl = "public, max-age=60";

    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/media/{assetId}/v{version:int}/{**path}", [HttpMethods.Get, HttpMethods.Head], GetAsync)
            .WithName("GetMedia")
            .WithTags("Media");
        return routes;
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetAsync(
        string assetId,
        int version,
        string path,
        HttpContext context,
        IObjectStore store,
        PublishedVersions published,
        OriginMetrics metrics,
        CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(assetId) || version < 1 || !ObjectKey.IsValid(path)
            || !await published.IsPublishedAsync(assetId, version, cancellationToken))
        {
            return NotFoundProblem();
        }

        var stored = await store.OpenReadAsync($"media/{assetId}/v{version}/{path}", cancellationToken);
        if (stored is null)
        {
            return NotFoundProblem();
        }

        context.Response.RegisterForDisposeAsync(stored);
        var isManifest = path.EndsWith(".m3u8", StringComparison.Ordinal) || path.EndsWith(".mpd", StringComparison.Ordinal);
        context.Response.Headers.CacheControl = isManifest ? ManifestCacheControl : ImmutableCacheControl;
        context.Response.Headers.AccessControlAllowOrigin = "*";
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

    private static ProblemHttpResult NotFoundProblem() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No published media object at this address.");
}
