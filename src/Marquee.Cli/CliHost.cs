using Marquee.Origin.Hosting;
using Marquee.Origin.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marquee.Cli;

/// <summary>A host without HTTP for CLI commands that work on the data directory directly.</summary>
internal static class CliHost
{
    public static IHost Create(string? data, bool withWorkers, LogLevel logLevel = LogLevel.Information)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        builder.Configuration.AddEnvironmentVariables("MARQUEE_");
        if (data is not null)
        {
            builder.Configuration["Data"] = data;
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter((category, level) => level >= logLevel && (category is null || !category.StartsWith("Microsoft", StringComparison.Ordinal) || level >= LogLevel.Warning));
        // Logs go to standard error so that standard output carries only results (the title id).
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var directory = DataDirectory.Resolve(builder.Configuration["Data"]);
        directory.EnsureCreated();
        directory.AddSettingsTo(builder.Configuration);
        builder.Services.AddOriginCore(builder.Configuration, directory);
        if (withWorkers)
        {
            builder.Services.AddHostedService<TranscodeWorker>();
        }

        return builder.Build();
    }
}
