using System.IO.Compression;
using Marquee.Origin.Sharing;
using Marquee.Origin.Steering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Web;

/// <summary>
/// Serves the single-page web app: hashed files under <c>/assets/</c> are immutable for a year, everything else
/// (index.html, the icon, the PWA's <c>/manifest.webmanifest</c> and service worker <c>/sw.js</c>) is revalidated on
/// every load so a new release is picked up at once. Any other GET that is not an API, media or operations path
/// answers index.html, so deep links work; the app routes them itself.
/// </summary>
public static class WebAppHosting
{
    /// <summary>First path segments that belong to the server, never to the app.</summary>
    private static readonly string[] ServerSegments = ["api", "media", "artwork", "openapi", "healthz", "metrics", "embed", "oembed", "join"];

    private static readonly string AppPathPattern = $"/{{**path:regex(^(?!({string.Join('|', ServerSegments)})(/|$)))}}";

    public static IServiceCollection AddWebApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebAppOptions>().Bind(configuration.GetSection(WebAppOptions.Section));
        services.AddSingleton<WatchPage>();
        services.AddSingleton<StartRenditions>();
        services.AddSingleton<AppShell>();
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/javascript", "application/javascript", "text/css", "text/html", "image/svg+xml"];
        });
        // The files are hashed and cached for a year, so each is compressed about once per browser: spend the CPU on size.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>
    /// Static files of the web app, compressed. Call before routing: the static file middleware steps aside for any
    /// request that already has an endpoint, and the app's catch-all route would be one.
    /// </summary>
    public static IApplicationBuilder UseWebApp(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<WebAppOptions>>().Value;
        var root = options.ResolvedRoot;
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebAppHosting))
                .LogWarning("The web app is not built ({Root} has no index.html); run ./marquee build or npm run build in web/", root);
            return app;
        }

        var precompressed = new PrecompressedAssets(root);
        app.Use((context, next) => precompressed.InvokeAsync(context, next));

        // Compression applies to the app's own files only: API answers can carry secrets (BREACH), media is compressed
        // already, and the player page can carry a playback token (WatchPage).
        app.UseWhen(context => !IsServerPath(context.Request.Path) && !WatchPage.IsWatchPath(context.Request.Path), branch => branch.UseResponseCompression());
        // index.html itself always goes through ServeIndexAsync, which adds the page's security headers; nosniff is on every answer.
        // Browsers install the manifest and register the service worker only with these types; set here rather than
        // left to the defaults, which have changed between releases.
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        types.Mappings[".js"] = "text/javascript";
        app.UseWhen(context => !IsIndexFile(context.Request.Path), branch => branch.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        }));
        return app;
    }

    public static IEndpointRouteBuilder MapWebApp(this IEndpointRouteBuilder routes)
    {
        // API, media and operations paths are left out of the pattern, so they keep their own 404 and 405 answers.
        routes.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], ServeIndexAsync).ExcludeFromDescription();
        routes.MapMethods(AppPathPattern, [HttpMethods.Get, HttpMethods.Head], ServeIndexAsync).ExcludeFromDescription().WithOrder(int.MaxValue);
        return routes;
    }

    private static async Task<IResult> ServeIndexAsync(
        HttpContext http, IOptions<WebAppOptions> options, EdgeDirectory edges, WatchPage watch, AppShell shell, ShareCards cards, ShareLinks links,
        CancellationToken cancellationToken)
    {
        var path = http.Request.Path;
        var index = Path.Combine(options.Value.ResolvedRoot, "index.html");
        if (IsIndexFile(path))
        {
            return TypedResults.Redirect("/", permanent: true);
        }

        if (IsServerPath(path) || path.StartsWithSegments("/assets") || Path.HasExtension(path.Value))
        {
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is nothing at this address.");
        }

        if (!File.Exists(index))
        {
            return TypedResults.Problem(statusCode: 503, title: "The web app is not built",
                detail: "Run ./marquee up (it builds the web app), or npm ci && npm run build in web/, then restart the origin.");
        }

        PageSecurityHeaders.Apply(http.Response, await edges.CurrentAsync(cancellationToken));
        var answer = await CardOfAsync(path, cards, links, cancellationToken);
        http.Response.StatusCode = answer.Status;
        var head = answer.Card?.Head(cards.SiteName) ?? AppShell.TitleOnly(cards.SiteName);
        var page = await shell.PageAsync(index, head, cancellationToken);
        if (WatchPage.IsPlayerPage(http, out var id))
        {
            await watch.WriteAsync(http, page, id, cancellationToken);
            return TypedResults.Empty;
        }

        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(page, "text/html; charset=utf-8", statusCode: answer.Status);
    }

    /// <summary>
    /// The card of a shared link (a title, a player, a public list), 404 for one that names nothing shareable, and the
    /// service's own card for every other page of the app.
    /// </summary>
    private static Task<CardAnswer> CardOfAsync(PathString path, ShareCards cards, ShareLinks links, CancellationToken cancellationToken)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 2)
        {
            var id = Uri.UnescapeDataString(segments[1]);
            switch (segments[0].ToLowerInvariant())
            {
                case "title":
                    return cards.ForTitleAsync(id, cancellationToken);
                case "watch":
                    return cards.ForWatchAsync(id, cancellationToken);
                case "list":
                    return cards.ForListAsync(id, cancellationToken);
            }
        }

        return Task.FromResult(new CardAnswer(200, cards.SiteCard()));
    }

    private static bool IsIndexFile(PathString path) => path.Equals("/index.html", StringComparison.OrdinalIgnoreCase);

    private static bool IsServerPath(PathString path) =>
        ServerSegments.Any(segment => path.StartsWithSegments("/" + segment, StringComparison.OrdinalIgnoreCase));
}
