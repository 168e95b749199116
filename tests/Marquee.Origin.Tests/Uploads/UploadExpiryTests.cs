using System.Net;
using Marquee.TestSupport;
using static Marquee.Origin.Tests.Uploads.HttpAssert;

namespace Marquee.Origin.Tests.Uploads;

/// <summary>The expiration extension end to end, with time moved by a FakeTimeProvider.</summary>
public sealed class UploadExpiryTests : IAsyncLifetime
{
    private UploadTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await UploadTestServer.StartAsync(cancellationToken: Ct);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task The_expiry_service_deletes_an_expired_upload_and_keeps_a_live_one()
    {
        var (oldPath, oldId) = await _server.CreateAsync(100, cancellationToken: Ct);
        using (var patch = await _server.PatchAsync(oldPath, 0, new byte[10], Ct))
        {
            Status(patch, HttpStatusCode.NoContent);
        }

        _server.Time.Advance(TimeSpan.FromHours(12));
        var (freshPath, freshId) = await _server.CreateAsync(100, cancellationToken: Ct);
        _server.Time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(
            () => !File.Exists(_server.JsonPath(oldId)) && !File.Exists(_server.BinPath(oldId)),
            "the expiry service has deleted the expired upload",
            cancellationToken: Ct);
        Assert.True(File.Exists(_server.JsonPath(freshId)));
        Assert.True(File.Exists(_server.BinPath(freshId)));

        using (var head = await _server.HeadAsync(oldPath, Ct))
        {
            Status(head, HttpStatusCode.NotFound);
        }

        using (var patch = await _server.PatchAsync(oldPath, 10, new byte[10], Ct))
        {
            await ProblemAsync(patch, HttpStatusCode.NotFound);
        }

        using var freshHead = await _server.HeadAsync(freshPath, Ct);
        Status(freshHead, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Activity_pushes_the_expiry_back()
    {
        var (path, _) = await _server.CreateAsync(100, cancellationToken: Ct);
        _server.Time.Advance(TimeSpan.FromHours(20));
        using (var patch = await _server.PatchAsync(path, 0, new byte[10], Ct))
        {
            Status(patch, HttpStatusCode.NoContent);
        }

        _server.Time.Advance(TimeSpan.FromHours(20));

        using var head = await _server.HeadAsync(path, Ct);
        Status(head, HttpStatusCode.OK);
        Assert.Equal(UploadTestServer.Start.AddHours(44), UploadProtocolTests.ParseDate(Header(head, "Upload-Expires")));
    }
}
