using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Admin;
using Marquee.Origin.Catalog.Browse;
using Marquee.Origin.Catalog.Lists;
using Marquee.Origin.Catalog.Search;
using Marquee.Origin.Community;
using Marquee.Origin.Data;
using Marquee.Origin.Delivery;
using Marquee.Origin.Demo;
using Marquee.Origin.Discovery;
using Marquee.Origin.Downloads;
using Marquee.Origin.Entitlements;
using Marquee.Origin.Hosting;
using Marquee.Origin.Ingest;
using Marquee.Origin.Observability;
using Marquee.Origin.Parties;
using Marquee.Origin.Playback;
using Marquee.Origin.Progress;
using Marquee.Origin.Regions;
using Marquee.Origin.Sharing;
using Marquee.Origin.Steering;
using Marquee.Origin.Uploads;
using Marquee.Origin.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marquee.Origin;

/// <summary>Builds and starts the origin: the API, the media origin and, by default, the transcoding workers.</summary>
public static class OriginApp
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <param name="configure">Lets tests and the CLI add configuration before services are built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("MARQUEE_");
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Links in account mail point at the web app: where the origin listens, unless the operator named a public address.
        var publicUrl = $"{AccountOptions.Section}:{nameof(AccountOptions.PublicUrl)}";
        if (string.IsNullOrEmpty(builder.Configuration[publicUrl]) && ListeningUrl(builder.Configuration["urls"]) is { } listening)
        {
            builder.Configuration[publicUrl] = listening;
        }

        var data = DataDirectory.Resolve(builder.Configuration["Data"]);
        data.EnsureCreated();
        data.AddSettingsTo(builder.Configuration);
        Logging.Configure(builder);
        RequestLimits.Configure(builder);
        builder.Services.AddOriginCore(builder.Configuration, data);
        builder.Services.AddOriginWeb(builder.Configuration, data);
        builder.Services.AddWebApp(builder.Configuration);
        builder.Services.AddHostedService<CatalogSync>();
        builder.Services.AddHostedService<TranscodeWorker>();
        builder.Services.AddHostedService<WatchFolderService>();
        if (builder.Configuration.GetValue("Demo:Seed", false))
        {
            builder.Services.AddHostedService<DemoCatalogSeeder>();
        }

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseHostPrefixedCookies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseEdgeHeartbeats();
        app.UseWebApp();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use((context, next) => BrowserSessions.ValidateAntiforgeryAsync(context, next));
        app.UseAuthorization();
        app.MapAuthApi();
        app.MapPasskeysApi();
        app.MapSessionsApi();
        app.MapProfilesApi();
        app.MapPlansApi();
        app.MapAdminUsersApi();
        app.MapStreamsApi();
        app.MapTitlesApi();
        app.MapBrowseApi();
        app.MapDiscoveryApi();
        app.MapCommunityApi();
        app.MapPartiesApi();
        // A connection authenticated by a token closes when the token expires; the client reconnects with a fresh one.
        app.MapHub<PartyHub>(PartyHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        app.MapSearchApi();
        app.MapListsApi();
        app.MapInvitesApi();
        app.MapOEmbedApi();
        app.MapEmbedPage();
        app.MapCatalogAdminApi();
        app.MapHub<CatalogFeedHub>(CatalogFeedHub.Path);
        app.MapLicencesAdminApi();
        app.MapEpisodesAdminApi();
        app.MapArtworkApi();
        app.MapRegionsApi();
        app.MapPlaybackApi();
        app.MapDownloadsApi();
        app.MapProgressApi();
        app.MapSteeringApi();
        app.MapEdgesApi();
        app.MapMediaApi();
        app.MapUploadsApi();
        app.MapOriginOperations();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapWebApp();
        return app;
    }

    /// <summary>The first address of <c>--urls</c> that a browser could open (not a wildcard or a free port).</summary>
    internal static string? ListeningUrl(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(u => u is not null && u.Port != 0 && u.Host is not ("0.0.0.0" or "[::]" or "*" or "+"))?.GetLeftPart(UriPartial.Authority);

    /// <summary>Brings the database up to date; call before <c>RunAsync</c>.</summary>
    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<MarqueeDbContext>(), cancellationToken);
        await AccountServices.SeedRolesAsync(scope.ServiceProvider);

        // Secrets generated on first start exist before serving, so ./marquee up can hand the edge key to its edges.
        app.Services.GetRequiredService<EdgeKey>();
        app.Services.GetRequiredService<PlaybackKeys>();
    }
}
