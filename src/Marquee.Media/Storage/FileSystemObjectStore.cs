using System.Runtime.CompilerServices;

namespace Marquee.Media.Storage;

/// <summary>
/// An object store in a local folder: each key is a file under <see cref="Root"/>, its slashes folders.
/// Content types are not stored; they follow from the key's extension (<see cref="ContentTypes"/>), which is
/// all the pipeline's own files need. A key cannot be both an object and the folder of another object
/// (<c>a/b</c> and <c>a/b/c</c>), which S3 would allow; the keys Marquee writes never do that.
/// </summary>
public sealed class FileSystemObjectStore : IObjectStore
{
    // '~' is not allowed in a key, so a temporary file can never be mistaken for an object or collide with one.
    private const string TempPrefix = ".~tmp-";

    private const int BufferSize = 81_920;

    // A concurrent DeletePrefixAsync may remove the folder between our CreateDirectory and the temporary file's
    // creation; a couple of retries close that window without a lock.
    private const int CreateAttempts = 3;

    // Hidden and system files are skipped by default, and on Unix every name starting with '.' is "hidden";
    // valid keys may have such segments, so nothing is skipped and the key rule filters instead.
    private static readonly EnumerationOptions ListOptions = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.None,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    public FileSystemObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(ObjectKey.Require(key));
        ArgumentNullException.ThrowIfNull(content);

        // Not stored (the extension decides on reading), but refused like the S3 store refuses it.
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N"));

        try
        {
            await using (var file = CreateTemp(folder, temp))
            {
                await content.CopyToAsync(file, BufferSize, cancellationToken);
                await file.FlushAsync(cancellationToken);

                // Without fsync the rename can reach the disk before the data, and a crash leaves an empty object.
                file.Flush(flushToDisk: true);
            }

            KeepETagFresh(temp, path);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(ObjectKey.Require(key)));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(file.Exists ? Describe(key, file.Length, file.LastWriteTimeUtc) : null);
    }

    public Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(ObjectKey.Require(key));
        cancellationToken.ThrowIfCancellationRequested();

        FileStream stream;
        try
        {
            // FileShare.Delete lets a publish replace or a clean-up remove the object while it is being served;
            // this reader keeps the old inode until it is done.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException
            || (e is UnauthorizedAccessException && Directory.Exists(path)))
        {
            return Task.FromResult<StoredObject?>(null);
        }

        try
        {
            // Metadata from the open handle, not the path, so it describes exactly the bytes this stream returns.
            var info = Describe(key, stream.Length, File.GetLastWriteTimeUtc(stream.SafeFileHandle));
            return Task.FromResult<StoredObject?>(new StoredObject(info, stream));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectKey.RequirePrefix(prefix);

        // The file system hands files out in no particular order, so the whole listing is gathered and sorted.
        var keys = await Task.Run(() => Collect(prefix, cancellationToken), cancellationToken);
        foreach (var key in keys)
        {
            yield return key;
        }
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ObjectKey.RequirePrefix(prefix);
        return Task.Run(() => DeletePrefix(prefix, cancellationToken), cancellationToken);
    }

    private void DeletePrefix(string prefix, CancellationToken cancellationToken)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Collect(prefix, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = PathOf(key);
            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                // Removed by someone else meanwhile, which is what we wanted.
            }

            for (var folder = Path.GetDirectoryName(path); folder is not null && folder.Length > Root.Length; folder = Path.GetDirectoryName(folder))
            {
                folders.Add(folder);
            }
        }

        // Deepest first, so a parent is only tried once its children are gone.
        foreach (var folder in folders.OrderByDescending(f => f.Length))
        {
            try
            {
                if (!Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder, recursive: false);
                }
            }
            catch (IOException)
            {
                // Not empty (a put landed meanwhile) or already gone: either way it is not ours to remove.
            }
        }
    }

    private List<string> Collect(string prefix, CancellationToken cancellationToken)
    {
        // Only the folder the prefix names for sure is walked: "media/abc/v" starts at "media/abc".
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? Root : PathOf(prefix[..slash]);
        var keys = new List<string>();
        if (!Directory.Exists(start))
        {
            return keys;
        }

        try
        {
            foreach (var file in Directory.EnumerateFiles(start, "*", ListOptions))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');

                // The key rule also drops temporary files and anything foreign dropped into the folder.
                if (key.StartsWith(prefix, StringComparison.Ordinal) && ObjectKey.IsValid(key))
                {
                    keys.Add(key);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // The folder went away while being listed (a concurrent delete); what was seen is the answer.
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static FileStream CreateTemp(string folder, string temp)
    {
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(folder);
            try
            {
                return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            }
            catch (DirectoryNotFoundException) when (attempt < CreateAttempts)
            {
            }
        }
    }

    /// <summary>
    /// The ETag is length plus modification time, and Linux stamps files from a clock that advances only every
    /// few milliseconds; two quick writes of the same length would then share an ETag and a cache would keep
    /// serving the old bytes. Moving the new file's time strictly past the old one's keeps the validator strong.
    /// </summary>
    private static void KeepETagFresh(string temp, string path)
    {
        var previous = new FileInfo(path);
        if (!previous.Exists)
        {
            return;
        }

        var written = File.GetLastWriteTimeUtc(temp);
        if (written <= previous.LastWriteTimeUtc)
        {
            File.SetLastWriteTimeUtc(temp, previous.LastWriteTimeUtc.AddTicks(1));
        }
    }

    private static ObjectInfo Describe(string key, long length, DateTime lastWriteUtc) =>
        new(key, length, new DateTimeOffset(lastWriteUtc, TimeSpan.Zero), $"\"{length:x}-{lastWriteUtc.Ticks:x}\"", ContentTypes.ForKey(key));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Safe to combine: a valid key has no empty, "." or ".." segment, no backslash and no leading '/'.
    private string PathOf(string key) => Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));
}
