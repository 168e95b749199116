using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Cdn;

/// <summary>
/// An origin with one 24-second title (audio, several rungs) and two edges of region eu as real processes,
/// with one-second heartbeats so a dead edge leaves steering within seconds.
/// </summary>
public sealed class CdnFixture : IAsyncLifetime
{
    public OriginServer Server { get; private set; } = null!;

    public string TitleId { get; private set; } = "";

    internal EdgeProcess EdgeA { get; private set; } = null!;

    internal EdgeProcess EdgeB { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Five missed one-second heartbeats take an edge out: a loaded machine can stall a live edge for two.
        Server = await OriginServer.StartAsync(null, "--Steering:HeartbeatSeconds", "1", "--Steering:MissedHeartbeats", "5", "--Accounts:AuthRequestsPerMinute", "1000");
        var clip = await Clips.GetAsync(new ClipSpec(Width: 854, Height: 480, Fps: 24, Seconds: 24));
        TitleId = await Server.IngestAsync(clip, "Edge Film");
        EdgeA = await EdgeProcess.StartAsync(Server, "eu-a", "eu");
        EdgeB = await EdgeProcess.StartAsync(Server, "eu-b", "eu");
        await Server.WaitForTitleAsync(TitleId);
    }

    public async ValueTask DisposeAsync()
    {
        await EdgeA.DisposeAsync();
        await EdgeB.DisposeAsync();
        await Server.DisposeAsync();
    }
}
