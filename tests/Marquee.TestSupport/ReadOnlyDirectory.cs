namespace Marquee.TestSupport;

/// <summary>
/// A directory that a test can make read-only and writable again while a process keeps using it, for root too: the
/// tests run as root, and root ignores permission bits (a chmod 0555 stops nothing). The directory is bind-mounted
/// onto itself, and the read-only flag is set and cleared on that mount (<c>mount -o remount,bind,ro|rw</c>), so
/// every write under it fails with EROFS whoever asks, whatever the file system, while files already there stay
/// readable. Each switch is proven with a write of our own; a machine where mounting is not allowed fails the test
/// loudly rather than skipping it.
/// </summary>
public sealed class ReadOnlyDirectory : IAsyncDisposable
{
    // A remount to read-only is refused (EBUSY) while a file under the mount is open for writing, as a cache fill or
    // a heartbeat's key file briefly is: try again a little later rather than fail.
    private const int Attempts = 200;

    private bool mounted;

    private ReadOnlyDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>Bind-mounts <paramref name="path"/> (created if needed) onto itself, writable for now.</summary>
    public static async Task<ReadOnlyDirectory> CreateAsync(string path)
    {
        Directory.CreateDirectory(path);
        var directory = new ReadOnlyDirectory(path);
        await directory.MountAsync("--bind", path, path);
        directory.mounted = true;
        await directory.ProveWritableAsync();
        return directory;
    }

    public async Task MakeReadOnlyAsync()
    {
        await MountAsync("-o", "remount,bind,ro", Path);
        var probe = System.IO.Path.Combine(Path, $"read-only-proof-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(probe, [1]);
        }
        catch (IOException e) when (e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) || (e.HResult & 0xFFFF) == 30)
        {
            return;
        }

        File.Delete(probe);
        throw new InvalidOperationException($"{Path} was remounted read-only, yet this process (uid {Environment.UserName}) could still write to it.");
    }

    public async Task MakeWritableAsync()
    {
        await MountAsync("-o", "remount,bind,rw", Path);
        await ProveWritableAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (mounted)
        {
            // Lazy: a process still holding a file under it (an edge being stopped) must not keep the mount alive.
            await Tool.RunAsync("umount", ["-l", Path]);
            mounted = false;
        }
    }

    private async Task ProveWritableAsync()
    {
        var probe = System.IO.Path.Combine(Path, $"writable-proof-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(probe, [1]);
        File.Delete(probe);
    }

    private async Task MountAsync(params string[] arguments)
    {
        var error = "";
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            int code;
            try
            {
                (code, _, error) = await Tool.RunAsync("mount", arguments);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"mount {string.Join(' ', arguments)}: cannot run mount ({e.Message}); these tests need root and mount(8).", e);
            }

            if (code == 0)
            {
                return;
            }

            if (!error.Contains("busy", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException(
            $"mount {string.Join(' ', arguments)} failed: {error.Trim()}. These tests make a directory read-only for root with a bind mount; they need root (or CAP_SYS_ADMIN) and mount(8).");
    }
}
