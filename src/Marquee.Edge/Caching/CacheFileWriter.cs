using Microsoft.Win32.SafeHandles;

namespace Marquee.Edge.Caching;

/// <summary>
/// A cache file being written by one fill: body bytes at their offsets as they arrive, the header last, then
/// <see cref="DiskTier.Publish"/> renames it into place. Until then it lives under a temporary name that a
/// restart deletes, so a crash mid-fill leaves nothing that could be served. Readers of a fill that streams
/// through the file share its handle (<see cref="Retain"/>): it closes when the writer is done (sealed or
/// abandoned) and the last reader has released it, whatever happened to the file's name meanwhile.
/// </summary>
internal sealed class CacheFileWriter : IDisposable
{
    private readonly SafeFileHandle handle;
    private long written;
    private bool closed;

    // The writer's own reference, plus one per Retain.
    private int references = 1;

    public CacheFileWriter(string key, string tempPath, SafeFileHandle handle)
    {
        Key = key;
        TempPath = tempPath;
        this.handle = handle;
    }

    public string Key { get; }

    public string TempPath { get; }

    public long Written => written;

    /// <summary>For readers: valid while they hold a reference (<see cref="Retain"/>).</summary>
    public SafeFileHandle Handle => handle;

    /// <summary>Keeps the handle open past <see cref="Seal"/> or <see cref="Abandon"/> until <see cref="Release"/>.</summary>
    public void Retain() => Interlocked.Increment(ref references);

    public void Release()
    {
        if (Interlocked.Decrement(ref references) == 0)
        {
            handle.Dispose();
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await RandomAccess.WriteAsync(handle, data, CacheFile.HeaderBytes + written, cancellationToken);
        written += data.Length;
    }

    /// <summary>Writes the header and closes the file (for this writer); false when the metadata does not fit a header.</summary>
    public bool Seal(ObjectMeta meta)
    {
        var header = CacheFile.EncodeHeader(Key, meta);
        if (header is null)
        {
            return false;
        }

        RandomAccess.Write(handle, header, 0);
        Close();
        return true;
    }

    /// <summary>Closes (for this writer) and deletes the temporary file; never throws, since it runs on failure paths.</summary>
    public void Abandon()
    {
        Close();
        try
        {
            File.Delete(TempPath);
        }
        catch (IOException)
        {
            // The next start deletes every temporary file anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose() => Close();

    private void Close()
    {
        if (!closed)
        {
            closed = true;
            Release();
        }
    }
}
