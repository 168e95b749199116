using Marquee.Edge.Hosting;
using Marquee.Edge.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Bench.Edge;

/// <summary>
/// The edge under test, built by <see cref="EdgeApp.Build"/> as the CLI builds it, in this process (which only
/// waits on wrk while the edge is measured), on a free loopback port, with a fresh cache directory.
/// </summary>
internal sealed class EdgeHost : IAsyncDisposable
{
    public const string Region = "bench";

    private static readonly TokenKey Key = new("bench", Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());

    private EdgeHost(WebApplication app)
    {
        App = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public static async Task<EdgeHost> StartAsync(Uri origin, string cacheDirectory)
    {
        if (Directory.Exists(cacheDirectory))
        {
            Directory.Delete(cacheDirectory, recursive: true);
        }

        var options = new EdgeOptions
        {
            Id = "bench-1",
            Region = Region,
            Origin = origin,
            Urls = "http://127.0.0.1:0",
            CacheDirectory = cacheDirectory,
            EdgeKey = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
        };
        var keys = new TokenKeyRing();
        keys.Replace([Key]);
        var app = EdgeApp.Build(options, keys, configure: services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        await app.StartAsync();
        return new EdgeHost(app);
    }

    public static string Token(string prefix) =>
        PlaybackToken.Sign(new PlaybackClaims(prefix, DateTimeOffset.UtcNow.AddDays(1), [Region], "bench", 0), Key);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
