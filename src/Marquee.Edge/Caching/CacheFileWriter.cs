using Microsoft.Win32.SafeHandles;

namespace Marquee.Edge.Caching;

/// <summary>
/// A cache file being written by one fill: body bytes at their offsets as they arrive, the header last, then
/// <see cref="DiskTier.Publish"/> renames it into place. Until then it lives under a temporary name that a
/// restart deletes, so a crash mid-fill leaves nothing that could be served.
/// </summary>
internal sealed class CacheFileWriter : IDisposable
{
    private readonly SafeFileHandle handle;
    private long written;
    private bool closed;

    public CacheFileWriter(string key, string tempPath, SafeFileHandle handle)
    {
        Key = key;
        TempPath = tempPath;
        this.handle = handle;
    }

    public string Key { get; }

    public string TempPath { get; }

    public long Written => written;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await RandomAccess.WriteAsync(handle, data, CacheFile.HeaderBytes + written, cancellationToken);
        written += data.Length;
    }

    /// <summary>Writes the header and closes the file; false when the metadata does not fit a header.</summary>
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

    /// <summary>Closes and deletes the temporary file; never throws, since it runs on failure paths.</summary>
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
            handle.Dispose();
        }
    }
}
