namespace Marquee.Origin.Hosting;

/// <summary>
/// The one folder that holds an installation's state by default: the SQLite database, the filesystem object
/// store, staged and partial uploads, transcoding work folders, the watch folder and generated secrets.
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string path)
    {
        Root = Path.GetFullPath(path);
    }

    public string Root { get; }

    public string Database => Path.Combine(Root, "marquee.db");

    public string Objects => Path.Combine(Root, "objects");

    public string Staging => Path.Combine(Root, "staging");

    public string Work => Path.Combine(Root, "work");

    public string Uploads => Path.Combine(Root, "uploads");

    public string Watch => Path.Combine(Root, "watch");

    public string Demo => Path.Combine(Root, "demo-sources");

    public string AdminKeyFile => Path.Combine(Root, "admin-key");

    /// <summary>
    /// <c>--data DIR</c> (already folded into configuration as <c>Data</c>), else <c>MARQUEE_DATA</c>,
    /// else <c>./.marquee-data</c>.
    /// </summary>
    public static DataDirectory Resolve(string? configured) =>
        new(!string.IsNullOrWhiteSpace(configured) ? configured
            : Environment.GetEnvironmentVariable("MARQUEE_DATA") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : ".marquee-data");

    public void EnsureCreated()
    {
        foreach (var folder in new[] { Root, Objects, Staging, Work, Uploads, Watch })
        {
            Directory.CreateDirectory(folder);
        }
    }
}
