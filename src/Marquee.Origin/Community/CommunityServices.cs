using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Community;

public static class CommunityServices
{
    /// <summary>Public faces, comments and reviews, moderation, follows and blocks, and taste matching, for the web origin.</summary>
    public static IServiceCollection AddCommunity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommunityOptions>().Bind(configuration.GetSection(CommunityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CommentPolicy>();
        services.AddSingleton<SocialLimiter>();
        services.AddSingleton<TasteIndex>();
        services.AddScoped<SocialGate>();
        services.AddScoped<CommentWriter>();
        services.AddScoped<CommentViews>();
        services.AddScoped<Reviews>();
        services.AddScoped<ActivityReader>();
        services.AddScoped<PersonLinks>();
        services.AddScoped<TasteReader>();
        services.AddHostedService<TasteRefresher>();
        return services;
    }

    /// <summary>Everything under <c>/api/v1</c> that is social needs a signed-in adult profile (<see cref="SocialGate"/>); moderation needs an admin.</summary>
    public static IEndpointRouteBuilder MapCommunityApi(this IEndpointRouteBuilder routes)
    {
        var social = routes.MapGroup("/api/v1").WithTags("Community").RequireAuthorization();
        social.MapSocialMeApi();
        social.MapPeopleApi();
        social.MapMatchingApi();
        social.MapFeedApi();
        social.MapCommentsApi();
        social.MapReviewsApi();
        routes.MapModerationApi();
        return routes;
    }
}
