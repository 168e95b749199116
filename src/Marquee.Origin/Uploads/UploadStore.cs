using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Uploads;

/// <summary>
/// Uploads on disk: <c>{id}.bin</c> holds the bytes received so far (its length is the offset, so a restart loses
/// nothing that reached the disk) and <c>{id}.json</c> the <see cref="UploadRecord"/>, replaced atomically.
/// Callers hold the upload's <see cref="UploadLease"/> around anything that reads or changes an upload.
/// </summary>
internal sealed class UploadStore
{
    private const string BinSuffix = ".bin";
    private const string JsonSuffix = ".json";
    private const string TempSuffix = ".json.tmp";

    private readonly UploadLocks _locks = new();
    private readonly UploadOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UploadStore> _logger;

    public UploadStore(IOptions<UploadOptions> options, TimeProvider time, ILogger<UploadStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        Folder = Path.GetFullPath(_options.Folder);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string BinPath(string id) => Path.Combine(Folder, id + BinSuffix);

    public Task<UploadLease?> TryLockAsync(string id, TimeSpan wait, CancellationToken cancellationToken) =>
        _locks.TryAcquireAsync(id, wait, cancellationToken);

    /// <summary>
    /// Creates an empty upload and returns it locked: locked while its files appear, so the sweep does not take a
    /// half-made upload for debris, and still locked on return, so that data sent with the creation request can follow.
    /// </summary>
    public async Task<(UploadRecord Record, UploadLease Lease)> CreateAsync(
        long length, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var id = UploadId.New();
        var lease = await _locks.TryAcquireAsync(id, Timeout.InfiniteTimeSpan, cancellationToken)
            ?? throw new InvalidOperationException("A fresh upload id was already locked.");
        try
        {
            var now = _time.GetUtcNow();
            var record = new UploadRecord
            {
                Id = id,
                Length = length,
                Metadata = metadata,
                Created = now,
                Expires = now + _options.Expiration,
            };

            // The record first: a .bin without a .json is taken for debris by the expiry sweep.
            await SaveAsync(record, cancellationToken);
            await using (new FileStream(BinPath(id), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous))
            {
            }

            UploadsLog.UploadCreated(_logger, id, length);
            return (record, lease);
        }
        catch
        {
            Delete(id);
            lease.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The upload, or null when it does not exist or has expired. An upload whose bytes are all there but that was
    /// never completed was interrupted while its completion ran (the lease is held, so nothing else is running it):
    /// it is deleted and reported missing, so the client uploads again instead of taking it for a success.
    /// </summary>
    public async Task<UploadRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var record = await ReadAsync(id, cancellationToken);
        if (IsExpired(record))
        {
            return null;
        }

        if (!record.IsCompleted && GetOffset(record) >= record.Length)
        {
            UploadsLog.InterruptedCompletionDeleted(_logger, id);
            Delete(id);
            return null;
        }

        return record;
    }

    /// <summary>Bytes received so far: the file's length, or the full length once the upload completed and its file was handed over.</summary>
    public long GetOffset(UploadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.IsCompleted)
        {
            return record.Length;
        }

        var file = new FileInfo(BinPath(record.Id));
        return file.Exists ? file.Length : 0;
    }

    /// <summary>Replaces the record atomically (write a temporary file, flush it to disk, rename over).</summary>
    public async Task SaveAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var temp = Path.Combine(Folder, record.Id + TempSuffix);
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await JsonSerializer.SerializeAsync(stream, record, UploadRecordJsonContext.Default.UploadRecord, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path.Combine(Folder, record.Id + JsonSuffix), overwrite: true);
    }

    /// <summary>Deletes an upload at its client's request (tus termination).</summary>
    public void Terminate(string id)
    {
        Delete(id);
        UploadsLog.UploadTerminated(_logger, id);
    }

    /// <summary>Removes every file of the upload, the record first so that a half-done delete leaves only debris.</summary>
    public void Delete(string id)
    {
        File.Delete(Path.Combine(Folder, id + JsonSuffix));
        File.Delete(BinPath(id));
        File.Delete(Path.Combine(Folder, id + TempSuffix));
    }

    /// <summary>
    /// Deletes expired uploads and debris (files without a readable record). Only uploads that look expired are
    /// locked, so the sweep never stands in the way of a live upload; one in use is left for the next sweep.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var id in ListIds())
        {
            if (!IsExpired(await ReadAsync(id, cancellationToken)))
            {
                continue;
            }

            using var lease = await _locks.TryAcquireAsync(id, TimeSpan.Zero, cancellationToken);
            if (lease is null || !IsExpired(await ReadAsync(id, cancellationToken)))
            {
                continue;
            }

            Delete(id);
            UploadsLog.UploadExpired(_logger, id);
            deleted++;
        }

        return deleted;
    }

    private bool IsExpired([NotNullWhen(false)] UploadRecord? record) => record is null || record.Expires <= _time.GetUtcNow();

    private List<string> ListIds() =>
        Directory.EnumerateFiles(Folder)
            .Select(Path.GetFileName)
            .Where(name => name is not null
                && name.Length > 32
                && UploadId.IsValid(name[..32])
                && name[32..] is BinSuffix or JsonSuffix or TempSuffix)
            .Select(name => name![..32])
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private async Task<UploadRecord?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(
                Path.Combine(Folder, id + JsonSuffix), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            return await JsonSerializer.DeserializeAsync(stream, UploadRecordJsonContext.Default.UploadRecord, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (JsonException ex)
        {
            // Records are replaced atomically, so this is damage from outside; such an upload cannot be resumed.
            UploadsLog.UnreadableRecord(_logger, id, ex);
            return null;
        }
    }
}
