using Marquee.Media.Storage;

namespace Marquee.Cli.Migrate;

/// <summary>
/// Copies every object of one store into another (the filesystem store into S3). An object already in the target
/// with the same size is skipped, so a run that was interrupted resumes where it stopped; objects are written whole
/// or not at all (<see cref="IObjectStore.PutAsync"/>), so an interrupted put leaves nothing half-written.
/// </summary>
internal sealed class ObjectCopy(IObjectStore source, IObjectStore target)
{
    // A few puts at once hide the round trips to a remote service without flooding it.
    private const int Parallelism = 4;

    public async Task<(long Copied, long AlreadyThere)> CopyAsync(CancellationToken cancellationToken)
    {
        long copied = 0;
        long alreadyThere = 0;
        await Parallel.ForEachAsync(source.ListAsync("", cancellationToken), Options(cancellationToken), async (key, token) =>
        {
            await using var from = await source.OpenReadAsync(key, token);
            if (from is null)
            {
                return;
            }

            if (await target.HeadAsync(key, token) is { } there && there.Length == from.Info.Length)
            {
                Interlocked.Increment(ref alreadyThere);
                return;
            }

            await target.PutAsync(key, from.Content, from.Info.ContentType, token);
            Interlocked.Increment(ref copied);
        });
        return (copied, alreadyThere);
    }

    /// <summary>Objects and bytes in the source, and of the same keys in the target (an object of another size counts as missing).</summary>
    public async Task<(ObjectTally Source, ObjectTally Target)> TallyAsync(CancellationToken cancellationToken)
    {
        long sourceCount = 0, sourceBytes = 0, targetCount = 0, targetBytes = 0;
        await Parallel.ForEachAsync(source.ListAsync("", cancellationToken), Options(cancellationToken), async (key, token) =>
        {
            if (await source.HeadAsync(key, token) is not { } here)
            {
                return;
            }

            Interlocked.Increment(ref sourceCount);
            Interlocked.Add(ref sourceBytes, here.Length);
            if (await target.HeadAsync(key, token) is { } there && there.Length == here.Length)
            {
                Interlocked.Increment(ref targetCount);
                Interlocked.Add(ref targetBytes, there.Length);
            }
        });
        return (new ObjectTally(sourceCount, sourceBytes), new ObjectTally(targetCount, targetBytes));
    }

    /// <summary>Reads one page of the target's listing, so that wrong credentials or a missing bucket show before any copying.</summary>
    public async Task ProbeTargetAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in target.ListAsync("", cancellationToken))
        {
            break;
        }
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
}
