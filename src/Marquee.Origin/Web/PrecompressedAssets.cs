using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Marquee.Origin.Web;

/// <summary>
/// Sends the Brotli or gzip copy the web build wrote next to a hashed script or style, when the browser accepts
/// it. ASP.NET Core's own precompressed assets (MapStaticAssets) need the web project inside the .NET build; ours
/// is built by Vite, so this small lookup does the same for its files. Anything without a copy falls through to
/// the static files and runtime compression.
/// </summary>
internal sealed class PrecompressedAssets(string root)
{
    private static readonly (string Encoding, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var type = path.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript"
            : path.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : null;
        if (type is null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !request.Path.StartsWithSegments("/assets") || path.Contains("..", StringComparison.Ordinal))
        {
            await next();
            return;
        }

        var accepted = request.GetTypedHeaders().AcceptEncoding;
        foreach (var (encoding, suffix) in Encodings)
        {
            var file = Path.Combine(root, path.TrimStart('/') + suffix);
            if (!accepted.Any(a => a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0) || !File.Exists(file))
            {
                continue;
            }

            var headers = context.Response.Headers;
            headers.ContentType = type;
            headers.ContentEncoding = encoding;
            headers.Vary = HeaderNames.AcceptEncoding;
            headers.CacheControl = "public, max-age=31536000, immutable";
            headers.XContentTypeOptions = "nosniff";
            context.Response.ContentLength = new FileInfo(file).Length;
            if (HttpMethods.IsGet(request.Method))
            {
                await context.Response.SendFileAsync(file, context.RequestAborted);
            }

            return;
        }

        await next();
    }
}
