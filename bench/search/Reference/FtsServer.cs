using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Bench.Search.Reference;

/// <summary>
/// <c>serve-fts DB PORT</c>: the reference over HTTP on loopback, so it pays for Kestrel, routing and JSON as the
/// origin does. <c>GET /search?q=…&amp;limit=20[&amp;country=US]</c> and <c>GET /healthz</c>.
/// </summary>
internal static class FtsServer
{
    public static async Task<int> RunAsync(string databasePath, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(s => new FtsSearcher(databasePath, s.GetRequiredService<TimeProvider>()));
        await using var app = builder.Build();
        app.MapGet("/healthz", () => TypedResults.Ok("ok"));
        app.MapGet("/search", (FtsSearcher searcher, string? q, int? limit, string? country) =>
            TypedResults.Ok(searcher.Search(q ?? "", country ?? "US", Math.Clamp(limit ?? 20, 1, 50))));
        await app.RunAsync();
        return 0;
    }
}
