using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

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

    /// <summary>ASP.NET Core Data Protection's key ring on SQLite (on PostgreSQL it is a table).</summary>
    public string Keys => Path.Combine(Root, "keys");

    /// <summary>
    /// Settings that belong to this installation rather than to one command: which database, Redis and object store
    /// it lives on (<c>./marquee up --scale</c> writes them). Every command given this folder reads them, below
    /// environment variables and the command line; the file may hold passwords, so only its owner may read it.
    /// </summary>
    public string Settings => Path.Combine(Root, "marquee.json");

    /// <summary>Adds <see cref="Settings"/> to <paramref name="configuration"/>, ranked below environment variables and the command line.</summary>
    public void AddSettingsTo(IConfigurationBuilder configuration)
    {
        var source = new JsonConfigurationSource { Path = Settings, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        var sources = configuration.Sources;
        var first = sources.Select((s, i) => (s, i)).FirstOrDefault(x => x.s is EnvironmentVariablesConfigurationSource or CommandLineConfigurationSource);
        if (first.s is null)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(first.i, source);
        }
    }

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
