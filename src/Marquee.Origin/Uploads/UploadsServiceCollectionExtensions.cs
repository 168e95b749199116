using System.Threading.RateLimiting;
using Marquee.Origin.SharedState;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Uploads;

internal static class UploadsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the tus upload endpoint's services, with <see cref="UploadOptions"/> bound from the "Uploads" section
    /// and validated at start. The host also registers its <see cref="IUploadCompletionHandler"/> (any lifetime).
    /// </summary>
    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<UploadOptions>()
            .Bind(configuration.GetSection(UploadOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UploadStore>();
        services.TryAddScoped<UploadAppender>();
        services.AddHostedService<UploadExpiryService>();
        // Every upload becomes a transcode: new uploads per address and hour are limited, across origins with Redis.
        var perHour = configuration.GetValue("Uploads:CreatesPerHour", 120);
        services.AddRateLimiter(o => o.AddPolicy(UploadsApi.RateLimitPolicy, context =>
            SharedLimits.Partition(context, UploadsApi.RateLimitPolicy, SharedLimits.ClientKey(context), perHour, TimeSpan.FromHours(1),
                () => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }))));
        return services;
    }
}
