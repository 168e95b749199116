using System.IO.Compression;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Web;

/// <summary>
/// An origin serving a stand-in of the web build: a page, hashed assets (one with a Brotli copy made at build time),
/// a favicon, a service worker and a manifest. For test classes whose cases only read, one per class.
/// </summary>
public sealed class StandInWebApp : IAsyncLifetime
{
    public const string Script = "console.log('marquee web app, hashed build output');\n";

    private readonly string root = TestPaths.NewScratchFolder("web-root");

    public OriginServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(root, "assets"));
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), "<!doctype html><div id=\"root\"></div>");
        await File.WriteAllTextAsync(Path.Combine(root, "assets", "index-AbC123.js"), string.Concat(Enumerable.Repeat(Script, 200)));
        await File.WriteAllTextAsync(Path.Combine(root, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        await File.WriteAllTextAsync(Path.Combine(root, "sw.js"), "const version = 'abc';\n");
        await File.WriteAllTextAsync(Path.Combine(root, "manifest.webmanifest"), "{\"name\":\"Marquee\",\"start_url\":\"/\"}");
        await File.WriteAllTextAsync(Path.Combine(root, "assets", "player-XyZ789.js"), "console.log('plain copy');");
        await using (var brotli = new BrotliStream(File.Create(Path.Combine(root, "assets", "player-XyZ789.js.br")), CompressionLevel.SmallestSize))
        {
            await brotli.WriteAsync("console.log('brotli copy');"u8.ToArray());
        }

        Server = await OriginServer.StartAsync(null, "--Web:Root", root, "--Ingest:Workers", "0");
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
