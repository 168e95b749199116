using System.Net.Http.Headers;

namespace Marquee.Origin.Tests.Catalog;

/// <summary>Clients that appear to come from the demo table's countries, through the trusted loopback proxy.</summary>
internal static class Viewers
{
    public const string Us = "192.0.2.10";
    public const string De = "198.51.100.7";
    public const string Jp = "203.0.113.9";
    public const string Nowhere = "10.20.30.40";

    public static HttpClient From(OriginServer server, string address, string? accessToken = null)
    {
        var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }
}
