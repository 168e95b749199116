using Marquee.Origin.Hosting;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// Where a run works: a copy of the seeded catalog as the origin's data folder, the origin's log and the results. A
/// temporary folder deleted at the end; or, with <c>--keep DIR</c>, that folder, kept, whose seeded catalog (the slow
/// part: 100,000 titles through EF Core) a later run with the same titles and seed reuses. Accounts and signals are
/// written afresh on every run, because the charts count plays of the last day from now.
/// </summary>
internal sealed class ServingFolder : IDisposable
{
    private ServingFolder(string root, bool kept, string catalog)
    {
        Root = root;
        Kept = kept;
        Catalog = catalog;
    }

    public string Root { get; }

    public bool Kept { get; }

    /// <summary>What the catalog template holds, e.g. <c>titles=100000 seed=1 generator=1</c>.</summary>
    public string Catalog { get; }

    /// <summary>The catalog alone, as the seeder left it: copied into <see cref="OriginData"/> on each run.</summary>
    public string CatalogDatabase => Path.Combine(Root, "catalog", "marquee.db");

    public string OriginData => Path.Combine(Root, "origin");

    public string OriginDatabase => new DataDirectory(OriginData).Database;

    public string OriginLog => Path.Combine(Root, "origin.log");

    public string PerfFile => Path.Combine(Root, "perf.txt");

    public string ResultsFile => Path.Combine(Root, "serving-results.json");

    public bool HasCatalog => File.Exists(MarkerFile) && File.ReadAllText(MarkerFile).Trim() == Catalog;

    private string MarkerFile => Path.Combine(Root, "catalog.txt");

    public static ServingFolder Open(string? keep, string catalog)
    {
        if (keep is null)
        {
            var temporary = Path.Combine(Path.GetTempPath(), "marquee-bench-serving-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(temporary);
            return new ServingFolder(temporary, kept: false, catalog);
        }

        var folder = new ServingFolder(keep, kept: true, catalog);
        if (folder.HasCatalog)
        {
            return folder;
        }

        if (Directory.Exists(keep) && Directory.EnumerateFileSystemEntries(keep).Any())
        {
            // Only a folder this bench made (it has the marker) is emptied; anything else is somebody's.
            if (!File.Exists(folder.MarkerFile))
            {
                throw new ArgumentException($"--keep {keep}: the folder is not empty and not from an earlier serving run; give an empty or new folder.");
            }

            Directory.Delete(keep, recursive: true);
        }

        Directory.CreateDirectory(keep);
        File.WriteAllText(folder.MarkerFile, "incomplete\n");
        return folder;
    }

    public void MarkCatalog() => File.WriteAllText(MarkerFile, Catalog + "\n");

    /// <summary>A fresh origin data folder holding a copy of the catalog (and nothing of an earlier run).</summary>
    public void ResetOriginData()
    {
        if (Directory.Exists(OriginData))
        {
            Directory.Delete(OriginData, recursive: true);
        }

        Directory.CreateDirectory(OriginData);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(CatalogDatabase + suffix))
            {
                File.Copy(CatalogDatabase + suffix, OriginDatabase + suffix);
            }
        }
    }

    public void Dispose()
    {
        if (!Kept && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
