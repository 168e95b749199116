using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Origin.Tests.Hosting;

/// <summary>The operator's admin key: refused when wrong, never written to the logs, and never a short one.</summary>
public sealed class AdminKeyTests
{
    private const string WrongKey = "test-admin-key-0123456780";

    [Fact]
    public async Task A_wrong_key_is_refused_and_neither_it_nor_the_right_one_reaches_the_logs()
    {
        var logs = new CapturedLogs();
        var server = await OriginServer.StartAsync(null, "--Ingest:Workers", "0",
            "--Logging:LogLevel:Default", "Trace", "--Logging:Console:LogLevel:Default", "Warning");
        HttpStatusCode wrong, right, badVersion, unknown;
        try
        {
            server.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
            wrong = await SendAsync(server, HttpMethod.Post, "/api/v1/uploads", WrongKey);
            right = await SendAsync(server, HttpMethod.Post, "/api/v1/uploads", OriginServer.AdminKey);
            badVersion = await SendAsync(server, HttpMethod.Post, "/api/v1/uploads", OriginServer.AdminKey, version: "0.2.2");
            unknown = await SendAsync(server, HttpMethod.Patch, "/api/v1/uploads/0123456789abcdef0123456789abcdef", OriginServer.AdminKey);
        }
        finally
        {
            // Stopping the host lets every request finish its logging before the lines are read.
            await server.DisposeAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.Created, right);
        Assert.Equal(HttpStatusCode.PreconditionFailed, badVersion);
        Assert.NotEqual(HttpStatusCode.NoContent, unknown);
        // The capture works: the requests themselves were logged.
        Assert.Contains(logs.Lines, line => line.Contains("/api/v1/uploads", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(OriginServer.AdminKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(WrongKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_short_configured_key_stops_the_origin_at_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => OriginServer.StartAsync(null, "--Ingest:Workers", "0", "--Admin:Key", "short-key"));

        Assert.Contains("at least 16 characters", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> SendAsync(OriginServer server, HttpMethod method, string path, string key, string version = "1.0.0")
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Tus-Resumable", version);
        request.Headers.Add("Upload-Length", "1000");
        request.Headers.Add("Upload-Offset", "0");
        request.Headers.Add("X-Marquee-Admin-Key", key);
        if (method == HttpMethod.Patch)
        {
            request.Content = new ByteArrayContent(new byte[10]);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/offset+octet-stream");
        }

        using var response = await server.Http.SendAsync(request);
        return response.StatusCode;
    }
}
