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

        services.AddDbContext<MarqueeDbContext>(o => o.UseSqlite(Database.SqliteConnectionString(data.Database)));
        services.AddSingleton(sp => ObjectStoreFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, data.Objects));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FfmpegOptions>>().Value);
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<InputValidator>();
        services.AddSingleton<InputInspector>();
        services.AddSingleton<SubtitleConverter>();
        services.AddSingleton<TranscodePipeline>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<PublishedVersions>();
        services.AddScoped<JobQueue>();
        services.AddScoped<JobRunner>();
        services.AddScoped<IngestService>();
        services.AddScoped<TitleQueries>();
        services.AddAccountsCore(configuration, data);
        return services;
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
