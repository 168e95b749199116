using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Parties;

public static class PartyServices
{
    /// <summary>Watch parties for the web origin: the API, the hub's services and the sweeper.</summary>
    public static IServiceCollection AddParties(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PartyOptions>().Bind(configuration.GetSection(PartyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PartyPresence>();
        services.AddScoped<PartyAccess>();
        services.AddScoped<PartyReader>();
        services.AddScoped<PartyMembership>();
        services.AddScoped<PartyCommands>();
        services.AddScoped<PartyReports>();
        services.AddScoped<PartyChat>();
        services.AddScoped<PartyHostActions>();
        services.AddHostedService<PartySweeper>();

        // SignalR runs one call of a connection at a time unless told otherwise: a clock sample or a pause would wait
        // behind the same member's heartbeat, and the wait would be taken for network latency.
        services.AddSignalR().AddHubOptions<PartyHub>(o => o.MaximumParallelInvocationsPerClient = 4);
        return services;
    }
}
