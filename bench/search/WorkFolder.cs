using Marquee.Origin.Hosting;

namespace Marquee.Bench.Search;

/// <summary>
/// Where a run writes everything: the origin's data folder, the reference database, both servers' logs, the queries
/// and the results. A fresh temporary folder, deleted at the end; or, with <c>--keep DIR</c>, that folder, kept, and
/// reused by a later run with the same data set (seeding 100,000 titles takes a while), rebuilt for a different one.
/// </summary>
internal sealed class WorkFolder : IDisposable
{
    private WorkFolder(string root, bool kept, string dataset)
    {
        Root = root;
        Kept = kept;
        Dataset = dataset;
    }

    public string Root { get; }

    public bool Kept { get; }

    /// <summary>What the databases hold, e.g. <c>titles=100000 seed=1 generator=1</c>.</summary>
    public string Dataset { get; }

    public string OriginData => Path.Combine(Root, "origin");

    /// <summary>The file the origin opens in its data folder.</summary>
    public string OriginDatabase => new DataDirectory(OriginData).Database;

    public string ReferenceDatabase => Path.Combine(Root, "reference.db");

    public string OriginLog => Path.Combine(Root, "origin.log");

    public string ReferenceLog => Path.Combine(Root, "fts5.log");

    public string QueriesFile => Path.Combine(Root, "queries.tsv");

    public string AnswersFile => Path.Combine(Root, "answers.tsv");

    public string ResultsFile => Path.Combine(Root, "results.json");

    /// <summary>Whether both databases already hold <see cref="Dataset"/> from an earlier kept run.</summary>
    public bool HasDataset => File.Exists(MarkerFile) && File.ReadAllText(MarkerFile).Trim() == Dataset;

    /// <summary>Says this bench made the folder, and which data set its databases hold once seeding finished.</summary>
    private string MarkerFile => Path.Combine(Root, "dataset.txt");

    public static WorkFolder Open(string? keep, string dataset)
    {
        if (keep is null)
        {
            var temporary = Path.Combine(Path.GetTempPath(), "marquee-bench-search-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(temporary);
            return new WorkFolder(temporary, kept: false, dataset);
        }

        var folder = new WorkFolder(keep, kept: true, dataset);
        if (folder.HasDataset)
        {
            return folder;
        }

        if (Directory.Exists(keep) && Directory.EnumerateFileSystemEntries(keep).Any())
        {
            // Only a folder this bench made (it has the marker) is emptied; anything else is somebody's.
            if (!File.Exists(folder.MarkerFile))
            {
                throw new ArgumentException($"--keep {keep}: the folder is not empty and not from an earlier run of this bench; give an empty or new folder.");
            }

            Directory.Delete(keep, recursive: true);
        }

        Directory.CreateDirectory(keep);
        File.WriteAllText(folder.MarkerFile, "incomplete\n");
        return folder;
    }

    public void MarkDataset() => File.WriteAllText(MarkerFile, Dataset + "\n");

    public void Dispose()
    {
        if (!Kept && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
