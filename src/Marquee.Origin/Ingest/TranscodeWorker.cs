using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Ingest;

/// <summary>
/// Takes jobs from the durable queue and runs them, <see cref="IngestOptions.Workers"/> at a time. Jobs are not
/// HTTP requests: they run here, in the origin or in a separate worker process, on the same queue.
/// </summary>
public sealed partial class TranscodeWorker(
    IServiceScopeFactory scopes,
    JobSignal signal,
    IOptions<IngestOptions> options,
    ILogger<TranscodeWorker> logger) : BackgroundService
{
    /// <summary>Unique per process, readable in the jobs table: host, process id and a random suffix.</summary>
    private readonly string owner = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", 56);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(i => LoopAsync($"{owner}#{i}", stoppingToken)));

    private async Task LoopAsync(string name, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
                var job = await queue.ClaimAsync(name, TimeSpan.FromSeconds(settings.LeaseSeconds), stoppingToken);
                if (job is null)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                    continue;
                }

                await scope.ServiceProvider.GetRequiredService<JobRunner>().RunAsync(job, name, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unavailable; never let one bad round stop the worker.
                LogLoopError(e);
                await Task.Delay(settings.PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(LogLevel.Error, "Transcode worker loop failed; retrying")]
    private partial void LogLoopError(Exception e);
}
