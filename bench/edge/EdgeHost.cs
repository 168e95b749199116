using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Marquee.Edge.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
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

    /// <param name="tls">HTTPS with this certificate (TLS 1.3, <see cref="H2Load.Cipher"/> only, as nginx); null for plain HTTP.</param>
    /// <param name="sendFiles">Whether the fast path sends large bodies from the cache file (the default) or from the hot tier.</param>
    public static async Task<EdgeHost> StartAsync(Uri origin, string cacheDirectory, (string Certificate, string Key)? tls, bool sendFiles)
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
            Urls = tls is null ? "http://127.0.0.1:0" : "https://127.0.0.1:0",
            TlsCertificatePath = tls?.Certificate,
            TlsKeyPath = tls?.Key,
            FastPathSendsFiles = sendFiles,
            CacheDirectory = cacheDirectory,
            EdgeKey = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
        };
        var keys = new TokenKeyRing();
        keys.Replace([Key]);
        var app = EdgeApp.Build(options, keys, configure: services =>
        {
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            if (tls is { } pair)
            {
                // The same single cipher as nginx's, so the two encrypt alike.
                var certificate = X509Certificate2.CreateFromPemFile(pair.Certificate, pair.Key);
                services.PostConfigure<KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(https =>
                {
                    https.ServerCertificate = certificate;
                    https.SslProtocols = SslProtocols.Tls13;
                    https.OnAuthenticate = (_, ssl) =>
                    {
                        if (OperatingSystem.IsLinux())
                        {
                            ssl.CipherSuitesPolicy = new CipherSuitesPolicy([TlsCipherSuite.TLS_AES_128_GCM_SHA256]);
                        }
                    };
                }));
            }
        });
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
