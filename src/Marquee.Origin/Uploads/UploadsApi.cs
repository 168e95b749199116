using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Marquee.Origin.Uploads;

/// <summary>
/// The tus 1.0 resumable upload endpoint (core, creation, creation-with-upload, termination, expiration):
/// https://tus.io/protocols/resumable-upload. Unknown and expired uploads are both answered 404: once the sweep
/// has run an expired upload is indistinguishable from one that never existed, so 410 would be unreliable.
/// </summary>
internal static class UploadsApi
{
    public const string BasePath = "/api/v1/uploads";

    /// <summary>
    /// How long HEAD and DELETE wait for a PATCH that holds the upload. Long enough for a PATCH whose client has
    /// just gone away to store its last bytes (so a resuming client reads the true offset), short enough not to hang.
    /// A second PATCH does not wait: tus clients retry a 423 after looking at the offset again.
    /// </summary>
    private static readonly TimeSpan ReaderWait = TimeSpan.FromSeconds(2);

    public const string RateLimitPolicy = "uploads";

    public static RouteGroupBuilder MapUploadsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Fail at start rather than on the first completed upload, hours into it.
        var services = endpoints.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        if (!services.IsService(typeof(IUploadCompletionHandler)))
        {
            throw new InvalidOperationException($"Register an {nameof(IUploadCompletionHandler)} before mapping the uploads API.");
        }

        var api = endpoints.MapGroup(BasePath);
        api.MapMethods("", [HttpMethods.Options], Options);

        var tus = api.MapGroup("").AddEndpointFilter<TusRequestFilter>();
        tus.MapPost("", CreateAsync).RequireRateLimiting(RateLimitPolicy);
        tus.MapMethods("/{id}", [HttpMethods.Head], HeadAsync);
        tus.MapPatch("/{id}", PatchAsync);
        tus.MapDelete("/{id}", DeleteAsync);
        tus.MapPost("/{id}", OverrideAsync);
        return api;
    }

    private static NoContent Options(HttpResponse response, IOptions<UploadOptions> options)
    {
        response.Headers[UploadHeaders.TusResumable] = UploadHeaders.Version;
        response.Headers[UploadHeaders.TusVersion] = UploadHeaders.Version;
        response.Headers[UploadHeaders.TusExtension] = UploadHeaders.Extensions;
        response.Headers[UploadHeaders.TusMaxSize] = options.Value.MaxSizeBytes.ToString(CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created, ProblemHttpResult>> CreateAsync(
        HttpContext context,
        UploadStore store,
        UploadAppender appender,
        IOptions<UploadOptions> options,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.Headers.ContainsKey(UploadHeaders.UploadDeferLength))
        {
            return UploadProblems.DeferredLengthNotSupported();
        }

        var lengthHeader = request.Headers[UploadHeaders.UploadLength];
        if (lengthHeader.Count == 0)
        {
            return UploadProblems.MissingLength();
        }

        // An empty upload cannot be a video, and refusing it here spares the completion handler an odd case.
        if (!UploadHeaders.TryParseNonNegative(lengthHeader, out var length) || length == 0)
        {
            return UploadProblems.InvalidLength();
        }

        if (length > options.Value.MaxSizeBytes)
        {
            return UploadProblems.TooLarge(length, options.Value.MaxSizeBytes);
        }

        if (!UploadMetadata.TryParse(request.Headers[UploadHeaders.UploadMetadata].ToString(), out var metadata, out var metadataError))
        {
            return UploadProblems.InvalidMetadata(metadataError);
        }

        var withData = UploadHeaders.IsOffsetOctetStream(request.ContentType);
        if (!withData && HasBody(context))
        {
            return UploadProblems.DataWithoutContentType(request.ContentType);
        }

        if (withData && request.ContentLength > length)
        {
            return UploadProblems.TooMuchData(length);
        }

        var (record, lease) = await store.CreateAsync(length, metadata, cancellationToken);
        using (lease)
        {
            var location = $"{request.PathBase}{BasePath}/{record.Id}";
            context.Response.Headers[UploadHeaders.UploadExpires] = UploadHeaders.FormatDate(record.Expires);
            if (!withData)
            {
                return TypedResults.Created(location);
            }

            AllowLargeBody(context);
            var outcome = await appender.AppendAsync(record, 0, request.Body, context.RequestAborted);
            switch (outcome.Status)
            {
                case AppendStatus.TooMuchData:
                    store.Delete(record.Id);
                    return UploadProblems.TooMuchData(length);
                case AppendStatus.Refused:
                    return UploadProblems.Refused(outcome.Completion!);
                case AppendStatus.CompletionFailed:
                    return UploadProblems.CompletionFailed(record.Id);
                default:
                    // A body that broke off still leaves a created upload to resume from its offset.
                    WriteProgress(context.Response, outcome);
                    return TypedResults.Created(location);
            }
        }
    }

    private static async Task<Results<Ok, ProblemHttpResult>> HeadAsync(
        string id, HttpResponse response, UploadStore store, CancellationToken cancellationToken)
    {
        if (!UploadId.IsValid(id))
        {
            return UploadProblems.NotFound(id);
        }

        using var lease = await store.TryLockAsync(id, ReaderWait, cancellationToken);
        if (lease is null)
        {
            return UploadProblems.Locked(id);
        }

        var record = await store.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return UploadProblems.NotFound(id);
        }

        response.Headers[UploadHeaders.UploadOffset] = store.GetOffset(record).ToString(CultureInfo.InvariantCulture);
        response.Headers[UploadHeaders.UploadLength] = record.Length.ToString(CultureInfo.InvariantCulture);
        response.Headers[UploadHeaders.UploadExpires] = UploadHeaders.FormatDate(record.Expires);
        response.Headers[HeaderNames.CacheControl] = "no-store";
        if (record.Metadata.Count > 0)
        {
            response.Headers[UploadHeaders.UploadMetadata] = UploadMetadata.Encode(record.Metadata);
        }

        if (record.TitleLocation is not null)
        {
            response.Headers[UploadHeaders.MarqueeTitle] = record.TitleLocation;
        }

        return TypedResults.Ok();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PatchAsync(
        string id, HttpContext context, UploadStore store, UploadAppender appender, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!UploadHeaders.IsOffsetOctetStream(request.ContentType))
        {
            return UploadProblems.UnsupportedContentType(request.ContentType);
        }

        var offsetHeader = request.Headers[UploadHeaders.UploadOffset];
        if (offsetHeader.Count == 0)
        {
            return UploadProblems.MissingOffset();
        }

        if (!UploadHeaders.TryParseNonNegative(offsetHeader, out var offset))
        {
            return UploadProblems.InvalidOffset();
        }

        if (!UploadId.IsValid(id))
        {
            return UploadProblems.NotFound(id);
        }

        using var lease = await store.TryLockAsync(id, TimeSpan.Zero, cancellationToken);
        if (lease is null)
        {
            return UploadProblems.Locked(id);
        }

        var record = await store.FindAsync(id, cancellationToken);
        if (record is null)
        {
            return UploadProblems.NotFound(id);
        }

        if (record.IsCompleted)
        {
            return UploadProblems.AlreadyComplete(id);
        }

        var current = store.GetOffset(record);
        if (offset != current)
        {
            return UploadProblems.OffsetMismatch(offset, current);
        }

        if (request.ContentLength > record.Length - current)
        {
            return UploadProblems.TooMuchData(record.Length - current);
        }

        AllowLargeBody(context);
        var outcome = await appender.AppendAsync(record, current, request.Body, context.RequestAborted);
        return outcome.Status switch
        {
            AppendStatus.TooMuchData => UploadProblems.TooMuchData(record.Length - current),
            AppendStatus.Refused => UploadProblems.Refused(outcome.Completion!),
            AppendStatus.CompletionFailed => UploadProblems.CompletionFailed(id),
            AppendStatus.BodyIncomplete => WithProgress(context.Response, outcome, UploadProblems.BodyIncomplete(outcome.Offset)),
            _ => WithProgress(context.Response, outcome, TypedResults.NoContent()),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, UploadStore store, CancellationToken cancellationToken)
    {
        if (!UploadId.IsValid(id))
        {
            return UploadProblems.NotFound(id);
        }

        using var lease = await store.TryLockAsync(id, ReaderWait, cancellationToken);
        if (lease is null)
        {
            return UploadProblems.Locked(id);
        }

        if (await store.FindAsync(id, cancellationToken) is null)
        {
            return UploadProblems.NotFound(id);
        }

        store.Terminate(id);
        return TypedResults.NoContent();
    }

    /// <summary>tus requires X-HTTP-Method-Override for clients behind proxies that only pass GET and POST.</summary>
    private static Task<Results<NoContent, ProblemHttpResult>> OverrideAsync(
        string id,
        HttpContext context,
        UploadStore store,
        UploadAppender appender,
        CancellationToken cancellationToken)
    {
        var method = context.Request.Headers[UploadHeaders.MethodOverride].ToString();
        if (HttpMethods.IsPatch(method))
        {
            return PatchAsync(id, context, store, appender, cancellationToken);
        }

        if (HttpMethods.IsDelete(method))
        {
            return DeleteAsync(id, store, cancellationToken);
        }

        return Task.FromResult<Results<NoContent, ProblemHttpResult>>(UploadProblems.UnsupportedMethodOverride(method));
    }

    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength is > 0
        || (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    /// <summary>Lifts the server's request body limit (30 MB by default): the upload's own length bounds a chunk.</summary>
    private static void AllowLargeBody(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = null;
        }
    }

    private static T WithProgress<T>(HttpResponse response, AppendOutcome outcome, T result)
    {
        WriteProgress(response, outcome);
        return result;
    }

    private static void WriteProgress(HttpResponse response, AppendOutcome outcome)
    {
        response.Headers[UploadHeaders.UploadOffset] = outcome.Offset.ToString(CultureInfo.InvariantCulture);
        response.Headers[UploadHeaders.UploadExpires] = UploadHeaders.FormatDate(outcome.Expires);
        if (outcome.Completion?.TitleLocation is { } title)
        {
            response.Headers[UploadHeaders.MarqueeTitle] = title;
        }
    }
}
