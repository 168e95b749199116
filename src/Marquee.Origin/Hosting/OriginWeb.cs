using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Community;
using Marquee.Origin.Discovery;
using Marquee.Origin.Ingest;
using Marquee.Origin.Observability;
using Marquee.Origin.Parties;
using Marquee.Origin.Regions;
using Marquee.Origin.SharedState;
using Marquee.Origin.Steering;
using Marquee.Origin.Uploads;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Hosting;

/// <summary>Services only the web origin needs: problem details, health, metrics, uploads.</summary>
public static class OriginWeb
{
    public static IServiceCollection AddOriginWeb(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddProblemDetails();
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer(OpenApiNumbers.TransformAsync);
            // The default title is the entry assembly's name, which differs between the host and a test host.
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Marquee API";
                return Task.CompletedTask;
            });
        });
        services.AddAccountsWeb();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOriginObservability();
        services.AddRegions(configuration);
        services.AddCatalogWeb(configuration);
        services.AddDiscovery(configuration);
        services.AddCommunity(configuration);
        services.AddParties(configuration);
        AddRealTime(services, configuration);
        services.AddPlaybackAndSteering(configuration, data);
        services.AddScoped<Progress.WatchProgressService>();

        // Uploads are admin-only until accounts exist: the key comes from configuration or is generated once.
        var uploads = configuration.GetSection(UploadOptions.SectionName);
        if (string.IsNullOrEmpty(uploads["Folder"]))
        {
            uploads["Folder"] = data.Uploads;
        }

        if (string.IsNullOrEmpty(uploads["AdminKey"]))
        {
            uploads["AdminKey"] = AdminKey.LoadOrCreate(data, configuration["Admin:Key"]);
        }

        services.AddUploads(configuration);
        services.AddScoped<IUploadCompletionHandler, UploadIngestHandler>();
        return services;
    }

    /// <summary>SignalR, with Redis as its backplane when configured, so a message sent on one origin reaches clients connected to any.</summary>
    private static void AddRealTime(IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR(o => o.AddFilter<HubErrors>());
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (!redis.IsConfigured)
        {
            return;
        }

        try
        {
            var client = redis.ToClientOptions();
            client.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(redis.Prefix + "signalr:");

            // SignalR unsubscribes synchronously when the origin stops; under load one second was not always enough,
            // and its timeout then fails the shutdown. The client library's own default (5 s) is used here.
            client.SyncTimeout = 5_000;
            client.AsyncTimeout = 5_000;
            signalR.AddStackExchangeRedis(o => o.Configuration = client);
        }
        catch (FormatException)
        {
            // RedisOptionsValidator stops the start with the sentence.
        }
    }

}
