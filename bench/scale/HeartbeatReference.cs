using System.Globalization;
using System.Text.Json;
using Marquee.Edge.ControlPlane;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Marquee.Bench.Scale;

/// <summary>
/// The reference for the heartbeat bench: the least an ASP.NET Core server can do with the same exchange. Kestrel, one
/// minimal-API route, the edge key compared, the heartbeat's JSON read, and a fixed reply (the origin's own reply bytes)
/// written. No database, no directory, no middleware. Run as its own process (<c>serve-heartbeat-reference</c>) so its CPU is
/// measured as the origin's is, with the same runtime settings.
/// </summary>
internal static class HeartbeatReference
{
    public const string Command = "serve-heartbeat-reference";

    /// <summary>Starts the reference on a free port with <paramref name="reply"/> as every answer; returns once it answers.</summary>
    public static async Task<(Daemon Process, Uri Address)> StartAsync(string folder, string edgeKey, byte[] reply, CancellationToken cancellationToken)
    {
        var replyFile = Path.Combine(folder, "reference-reply.json");
        await File.WriteAllBytesAsync(replyFile, reply, cancellationToken);
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var address = new Uri($"http://127.0.0.1:{port}/");
        // The origin's runtime settings (marquee.runtimeconfig.json): no spinning thread-pool workers.
        var environment = new Dictionary<string, string> { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0", ["BENCH_EDGE_KEY"] = edgeKey };
        var daemon = Daemon.Start("heartbeat-reference", "dotnet", [typeof(HeartbeatReference).Assembly.Location, Command, port, replyFile],
            Path.Combine(folder, "heartbeat-reference.log"), environment);
        using var http = new HttpClient();
        for (var i = 0; i < 120 && !daemon.HasExited; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(address, "ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return (daemon, address);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        await daemon.DisposeAsync();
        throw new InvalidOperationException("the heartbeat reference did not start; see heartbeat-reference.log");
    }

    /// <summary>The reference process itself: <c>serve-heartbeat-reference PORT REPLY-FILE</c>.</summary>
    public static async Task<int> ServeAsync(string port, string replyFile)
    {
        var reply = await File.ReadAllBytesAsync(replyFile);
        var expected = "Bearer " + Environment.GetEnvironmentVariable("BENCH_EDGE_KEY");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/ready", () => "ready");
        app.MapPost("/api/v1/edges/heartbeat", async (HttpContext context) =>
        {
            if (context.Request.Headers.Authorization != expected)
            {
                context.Response.StatusCode = 401;
                return;
            }

            var beat = await context.Request.ReadFromJsonAsync<EdgeHeartbeat>(JsonSerializerOptions.Web, context.RequestAborted);
            if (beat?.Id is null)
            {
                context.Response.StatusCode = 400;
                return;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = reply.Length;
            await context.Response.Body.WriteAsync(reply, context.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }
}
