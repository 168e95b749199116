using Marquee.Edge.Hosting;
using Marquee.Edge.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Bench.Tokens;

/// <summary>An edge in this process, verifying tokens or (bench only) not, on a free loopback port.</summary>
internal sealed class BenchEdge : IAsyncDisposable
{
    public const string Region = "bench";

    public static readonly TokenKey Key = new("bench", Enumerable.Range(3, 32).Select(i => (byte)i).ToArray());

    private BenchEdge(WebApplication app)
    {
        App = app;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public static async Task<BenchEdge> StartAsync(Uri origin, string cacheDirectory, bool verifyTokens)
    {
        if (Directory.Exists(cacheDirectory))
        {
            Directory.Delete(cacheDirectory, recursive: true);
        }

        var options = new EdgeOptions
        {
            Id = verifyTokens ? "verifying" : "unverified",
            Region = Region,
            Origin = origin,
            Urls = "http://127.0.0.1:0",
            CacheDirectory = cacheDirectory,
            EdgeKey = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
        };
        var keys = new TokenKeyRing();
        keys.Replace([Key]);
        var app = EdgeApp.BuildForBench(options, keys, verifyTokens, services => services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        await app.StartAsync();
        return new BenchEdge(app);
    }

    public static string Token(string session = "bench-session", int maxHeight = 0) =>
        PlaybackToken.Sign(new PlaybackClaims(Playlists.Prefix, DateTimeOffset.UtcNow.AddDays(1), [Region], session, maxHeight), Key);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
