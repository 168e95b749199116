using System.Net;
using System.Text.RegularExpressions;
using Marquee.Origin.Tests.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Hosting;

/// <summary>
/// Every API route, read from the origin's own route table so that a new one is covered the day it is added: admin
/// routes refuse viewers, and every route outside a short public list needs a sign-in.
/// </summary>
public sealed partial class EndpointAuthorizationTests : IAsyncLifetime
{
    /// <summary>
    /// What anyone may call: signing in and account recovery, the catalog as an anonymous visitor sees it, public lists, regions,
    /// plans to choose from, and routes guarded by something other than a session (playback tokens for steering, the
    /// edge key for heartbeats, the admin key or role for uploads, which answer 401 themselves).
    /// </summary>
    private static readonly string[] Public =
    [
        "/api/v1/auth/", "GET /api/v1/titles", "GET /api/v1/browse", "GET /api/v1/search", "GET /api/v1/regions", "GET /api/v1/plans", "GET /api/v1/lists/",
        "GET /api/v1/steering/", "POST /api/v1/edges/heartbeat", "OPTIONS /api/v1/uploads",
    ];

    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "10000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Admin_routes_refuse_a_viewer_and_a_visitor()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "not-an-admin@example.com", "premium");
        using var visitor = new HttpClient { BaseAddress = server.Address };
        var routes = Routes().Where(r => r.Path.StartsWith("/api/v1/admin/", StringComparison.Ordinal) || r is ("PUT", "/api/v1/plans/{id}")).ToList();
        var failures = new List<string>();
        foreach (var (method, path) in routes)
        {
            using var asViewer = await viewer.SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(path)));
            using var asVisitor = await visitor.SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(path)));
            if (asViewer.StatusCode != HttpStatusCode.Forbidden || asVisitor.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {path}: viewer {(int)asViewer.StatusCode}, visitor {(int)asVisitor.StatusCode}");
            }
        }

        Assert.True(routes.Count >= 25, $"only {routes.Count} admin routes found");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_api_route_outside_the_public_list_needs_a_sign_in()
    {
        using var visitor = new HttpClient { BaseAddress = server.Address };
        var routes = Routes().Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal) && !Public.Any(p => $"{r.Method} {r.Path}".StartsWith(p, StringComparison.Ordinal) || r.Path.StartsWith(p, StringComparison.Ordinal))).ToList();
        var failures = new List<string>();
        foreach (var (method, path) in routes)
        {
            using var response = await visitor.SendAsync(new HttpRequestMessage(new HttpMethod(method), Concrete(path)));
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.True(routes.Count >= 50, $"only {routes.Count} routes found");
        Assert.Empty(failures);
    }

    private List<(string Method, string Path)> Routes() =>
        [.. server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()];

    /// <summary>A request path for a route pattern: every parameter becomes an id that exists nowhere.</summary>
    private static string Concrete(string pattern) => Parameter().Replace(pattern, "0123456789abcdef");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
