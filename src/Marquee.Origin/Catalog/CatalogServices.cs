using System.Threading.RateLimiting;
using Marquee.Origin.Catalog.Admin;
using Marquee.Origin.Catalog.Search;
using Marquee.Origin.SharedState;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Catalog;

public static class CatalogServices
{
    /// <summary>Browse, search, lists and the admin catalog for the web origin.</summary>
    public static IServiceCollection AddCatalogWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<CatalogIndex>();
        services.AddSingleton<Browse.BrowseCache>();
        services.AddScoped<ViewerResolver>();
        services.AddScoped<CatalogAdmin>();
        // Search costs CPU: a per-address budget, generous for people typing, fatal for scrapers.
        var perMinute = configuration.GetValue("Search:RequestsPerMinute", 600);
        // Shared through Redis as 10-second windows of a sixth of the minute's budget: the same burst and rate.
        services.AddRateLimiter(o => o.AddPolicy(SearchApi.RateLimitPolicy, context =>
            SharedLimits.Partition(context, SearchApi.RateLimitPolicy, SharedLimits.ClientKey(context), Math.Max(perMinute / 6, 10), TimeSpan.FromSeconds(10),
                () => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(perMinute / 6, 10),
                    TokensPerPeriod = Math.Max(perMinute / 60, 1),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }))));
        return services;
    }
}
