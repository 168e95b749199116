using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Uploads;

/// <summary>
/// Deletes expired uploads (and the debris of interrupted ones) from the upload folder, once at start and then
/// periodically. Requests already treat an expired upload as missing; this only gives the disk space back.
/// </summary>
internal sealed class UploadExpiryService : BackgroundService
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(5);

    private readonly UploadStore _store;
    private readonly ILogger<UploadExpiryService> _logger;

    // Created here rather than in ExecuteAsync, which runs in the background: time moved after the host has
    // started (a test's FakeTimeProvider) must already find the timer.
    private readonly PeriodicTimer _timer;

    public UploadExpiryService(UploadStore store, IOptions<UploadOptions> options, TimeProvider time, ILogger<UploadExpiryService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _logger = logger;
        var expiration = options.Value.Expiration;
        _timer = new PeriodicTimer(expiration < MaxInterval ? expiration : MaxInterval, time);
    }

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                await _store.DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed sweep (a file held open elsewhere, say) must not stop later ones.
                UploadsLog.SweepFailed(_logger, ex);
            }
        }
        while (await _timer.WaitForNextTickAsync(stoppingToken));
    }
}
