using Marquee.TestSupport;

namespace Marquee.Media.Tests.Storage;

/// <summary>One s3rver for a whole test class; tests keep apart by key prefix.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private S3rverServer? _server;

    public S3rverServer Server => _server ?? throw new InvalidOperationException("s3rver has not started.");

    public async ValueTask InitializeAsync() => _server = await S3rverServer.StartAsync("marquee-test", TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
