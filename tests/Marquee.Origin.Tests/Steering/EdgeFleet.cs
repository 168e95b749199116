using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Edge.ControlPlane;

namespace Marquee.Origin.Tests.Steering;

/// <summary>Heartbeats as edges send them, without running edges: for tests about what the control plane decides.</summary>
internal static class EdgeFleet
{
    public static readonly (string Id, string Region, int Port)[] Local = [("eu-1", "eu", 8101), ("eu-2", "eu", 8102), ("us-1", "us", 8201), ("us-2", "us", 8202)];

    /// <param name="degraded">The reasons of a degraded edge; null for a healthy one.</param>
    /// <param name="fillVersion">The version of the fill list the edge says it holds.</param>
    public static async Task<HttpResponseMessage> BeatAsync(
        OriginServer server, string id, string region, int port, double load = 0.1, bool healthy = true, string? key = null, string[]? degraded = null,
        string? fillVersion = null)
    {
        var beat = new EdgeHeartbeat(id, region, $"http://127.0.0.1:{port}", healthy, load, 3, 1000, 0.5, 0.6, 100, 1000, degraded is not null, degraded, fillVersion);
        return await SendAsync(server, JsonContent.Create(beat, options: JsonSerializerOptions.Web), key);
    }

    /// <summary>A heartbeat as raw JSON, for fields an <see cref="EdgeHeartbeat"/> cannot express (an older edge's, or a hostile one's).</summary>
    public static Task<HttpResponseMessage> BeatRawAsync(OriginServer server, string json) =>
        SendAsync(server, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), key: null);

    private static async Task<HttpResponseMessage> SendAsync(OriginServer server, HttpContent content, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/edges/heartbeat") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? server.EdgeKey);
        return await server.Http.SendAsync(request);
    }

    public static async Task<HeartbeatReply> BeatAllAsync(OriginServer server, params string[] except)
    {
        HeartbeatReply? last = null;
        foreach (var (id, region, port) in Local.Where(e => !except.Contains(e.Id)))
        {
            using var response = await BeatAsync(server, id, region, port);
            response.EnsureSuccessStatusCode();
            last = await response.Content.ReadFromJsonAsync<HeartbeatReply>(JsonSerializerOptions.Web);
        }

        return last!;
    }
}
