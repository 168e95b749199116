using System.Net;
using Marquee.Origin.Tests.Accounts;

namespace Marquee.Origin.Tests.Uploads;

/// <summary>The web app uploads as a signed-in administrator, without the admin key; nobody else may.</summary>
public sealed class AdminUploadTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() => server = await OriginServer.StartAsync();

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task An_administrator_creates_an_upload_without_the_key_and_a_viewer_cannot()
    {
        using var admin = await TestAccounts.AdminClientAsync(server);
        using var viewer = await TestAccounts.SignedInClientAsync(server, "viewer@example.com", "premium");
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        using var byAdmin = await admin.SendAsync(Create());
        using var byViewer = await viewer.SendAsync(Create());
        using var byNobody = await anonymous.SendAsync(Create());
        using var wrongKey = await admin.SendAsync(Create("not-the-key"));

        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        Assert.StartsWith("/api/v1/uploads/", byAdmin.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, byViewer.StatusCode);
        Assert.Contains("sign in as an administrator", await byViewer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    private static HttpRequestMessage Create(string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/uploads");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", "1000");
        if (key is not null)
        {
            request.Headers.Add("X-Marquee-Admin-Key", key);
        }

        return request;
    }
}
