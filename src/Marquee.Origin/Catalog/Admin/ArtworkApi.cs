using System.Security.Cryptography;
using Marquee.Media.Storage;
using Marquee.Origin.Accounts;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Marquee.Origin.Catalog.Admin;

/// <summary>
/// Uploaded posters: <c>PUT /api/v1/admin/titles/{id}/poster</c> with a JPEG or PNG body replaces the pipeline's
/// poster frame; <c>GET /artwork/{titleId}/{file}</c> serves it, immutable (the file name is its hash).
/// </summary>
public static class ArtworkApi
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public static IEndpointRouteBuilder MapArtworkApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPut("/api/v1/admin/titles/{id}/poster", UploadAsync).WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        routes.MapMethods("/artwork/{titleId}/{file}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).WithTags("Media");
        return routes;
    }

    internal static async Task<Results<Ok<TitleView>, ProblemHttpResult>> UploadAsync(
        string id, HttpRequest request, CatalogAdmin admin, TitleQueries queries, IObjectStore store, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBytes)
        {
            return TooLarge();
        }

        // Larger than the server's limit for other bodies; one byte over lets the loop below answer 413 itself.
        RequestLimits.AllowBody(request.HttpContext, MaxBytes + 1);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        var (extension, contentType) = Sniff(bytes);
        if (extension is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not an image",
                detail: "A poster is a JPEG or PNG file sent as the request body.");
        }

        var title = await admin.FindAsync(id, cancellationToken);
        if (title is null)
        {
            return CatalogResponses.NotFound(id);
        }

        var key = $"{Artwork.Prefix}{title.Id}/{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}.{extension}";
        using (var content = new MemoryStream(bytes))
        {
            await store.PutAsync(key, content, contentType!, cancellationToken);
        }

        title.PosterKey = key;
        await admin.SaveAsync(title, cancellationToken);
        return TypedResults.Ok(await queries.ViewAsync(title, access: null, cancellationToken));
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ServeAsync(
        string titleId, string file, HttpContext context, IObjectStore store, CancellationToken cancellationToken)
    {
        var key = $"{Artwork.Prefix}{titleId}/{file}";
        var stored = Ids.IsValid(titleId) && ObjectKey.IsValid(key) ? await store.OpenReadAsync(key, cancellationToken) : null;
        if (stored is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No artwork at this address.");
        }

        context.Response.RegisterForDisposeAsync(stored);
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(stored.Content, stored.Info.ContentType, lastModified: stored.Info.LastModified,
            entityTag: EntityTagHeaderValue.Parse(stored.Info.ETag), enableRangeProcessing: true);
    }

    /// <summary>The type from the file's own first bytes, never from what the client claims.</summary>
    private static (string? Extension, string? ContentType) Sniff(byte[] bytes) =>
        bytes switch
        {
            [0xFF, 0xD8, 0xFF, ..] => ("jpg", "image/jpeg"),
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => ("png", "image/png"),
            _ => (null, null),
        };

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Poster too large", detail: $"A poster is at most {MaxBytes / 1024 / 1024} MB.");
}
