using Marquee.Origin.Sharing;
using Marquee.Media;
using Marquee.Media.Pipeline;
using Marquee.Media.Probing;
using Marquee.Media.Storage;
using Marquee.Media.Subtitles;
using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Ingest;
using Marquee.Origin.Observability;
using Marquee.Origin.SharedState;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Hosting;

/// <summary>
/// The services every process that touches the catalog needs: the web origin, and the CLI's <c>ingest</c>,
/// which works on the same data directory whether or not an origin is running.
/// </summary>
public static class OriginServices
{
    public static IServiceCollection AddOriginCore(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddSingleton(data);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<OriginMetrics>();

        services.AddOptions<FfmpegOptions>().Bind(configuration.GetSection(FfmpegOptions.Section))
            .Validate(o => ToolExists(o.FfmpegPath), "ffmpeg was not found. Install it (Debian/Ubuntu: apt-get install ffmpeg) or set Ffmpeg:FfmpegPath.")
            .Validate(o => ToolExists(o.FfprobePath), "ffprobe was not found. Install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg) or set Ffmpeg:FfprobePath.")
            .Validate(o => o.SegmentSeconds is >= 1 and <= 10, "Ffmpeg:SegmentSeconds must be between 1 and 10.")
            .ValidateOnStart();
        services.AddOptions<InputLimits>().Bind(configuration.GetSection(InputLimits.Section))
            .Validate(l => l.MaxBytes > 0 && l.MaxWidth > 0 && l.MaxHeight > 0 && l.MaxStreams > 0 && l.MaxFrameRate > 0 && l.MaxDuration > TimeSpan.Zero,
                "Every Ingest:Limits value must be positive.")
            .ValidateOnStart();
        services.AddOptions<IngestOptions>().Bind(configuration.GetSection(IngestOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        AddDatabase(services, database, data);
        services.AddSingleton(new InstallationSecrets(data, database));
        services.AddSingleton(sp => ObjectStoreFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, data.Objects));
        services.AddSingleton(sp => new Delivery.RegionalStores(ObjectStoreFactory.CreateRegional(sp.GetRequiredService<IOptions<StorageOptions>>().Value)));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FfmpegOptions>>().Value);
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<InputValidator>();
        services.AddSingleton<InputInspector>();
        services.AddSingleton<SubtitleConverter>();
        services.AddSingleton<TranscodePipeline>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<PublishedVersions>();
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        services.AddSingleton<RedisConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.AddSingleton<CatalogChanges>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogChanges>());
        services.AddScoped<JobQueue>();
        services.AddScoped<JobRunner>();
        services.AddScoped<PreviewBackfill>();
        services.AddScoped<IngestService>();
        services.AddScoped<TitleQueries>();
        services.AddScoped<Sharing.Invitations>();
        services.AddSingleton<Sharing.ShareLinks>();
        services.AddSingleton<Sharing.ShareCards>();
        services.AddOptions<Sharing.SharingOptions>().Bind(configuration.GetSection(Sharing.SharingOptions.Section));
        services.AddOEmbedLimits(configuration);
        services.AddOptions<Downloads.DownloadOptions>().Bind(configuration.GetSection(Downloads.DownloadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Downloads.DownloadRules>();
        services.AddScoped<Downloads.DownloadViewer>();
        services.AddScoped<Downloads.DownloadLicensing>();
        services.AddAccountsCore(configuration, data);
        return services;
    }

    /// <summary>
    /// The one place the provider is chosen: every service asks for <see cref="MarqueeDbContext"/> and gets the
    /// configured engine's context (the options validator explains a bad provider or connection string at start).
    /// </summary>
    private static void AddDatabase(IServiceCollection services, DatabaseOptions database, DataDirectory data)
    {
        // Checked now rather than at start, so that no command opens the wrong engine before the sentence is shown.
        if (new DatabaseOptionsValidator().Validate(null, database) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions), invalid.Failures);
        }

        if (database.IsPostgres)
        {
            var connectionString = PostgresConnection.Normalize(database.ConnectionString!);
            services.AddDbContext<MarqueeDbContext, PostgresMarqueeDbContext>(o => o.UseNpgsql(connectionString));
        }
        else
        {
            services.AddDbContext<MarqueeDbContext, SqliteMarqueeDbContext>(o => o.UseSqlite(Database.SqliteConnectionString(data.Database)));
        }
    }

    /// <summary>An absolute path that exists, or a bare name found on PATH.</summary>
    internal static bool ToolExists(string tool)
    {
        if (Path.IsPathRooted(tool))
        {
            return File.Exists(tool);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, tool)));
    }
}
