namespace Marquee.Edge.Caching;

/// <summary>
/// Whether a file can be created in the cache's temporary folder right now: where every fill's file starts, so
/// if this fails every fill passes through uncached. Run when health is asked for (a heartbeat, <c>/healthz</c>),
/// never on the request path.
/// </summary>
internal static class CacheDirectoryProbe
{
    /// <summary>Null when writable; else why not, in a few words (no path: the answer travels to the control plane).</summary>
    public static string? Check(string directory)
    {
        var probe = Path.Combine(directory, "health-" + Guid.NewGuid().ToString("N") + ".probe");
        try
        {
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Explain(e);
        }
    }

    /// <summary>A failed file operation in words an operator knows. On Unix .NET puts the errno in the HResult's low bits.</summary>
    public static string Explain(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "directory missing",
        IOException when DiskTier.IsDiskFull(e) => "disk full",
        IOException when (e.HResult & 0xFFFF) == 30 || e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) => "read-only file system",
        _ => "I/O error",
    };

}
