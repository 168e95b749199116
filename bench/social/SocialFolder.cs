using Marquee.Origin.Hosting;

namespace Marquee.Bench.Social;

/// <summary>
/// Where a run works: the seeded data folder (the slow part: migrations, the catalog, accounts and ~7 million rows),
/// copied fresh into the origin's data folder on each run, so moderation's changes never carry over; the origin's
/// log and the results. A temporary folder deleted at the end, or with <c>--keep DIR</c> that folder, whose seeded
/// data a later run with the same sizes and seed reuses.
/// </summary>
internal sealed class SocialFolder : IDisposable
{
    private SocialFolder(string root, bool kept, string key)
    {
        Root = root;
        Kept = kept;
        Key = key;
    }

    public string Root { get; }

    public bool Kept { get; }

    public string Key { get; }

    public string SeededData => Path.Combine(Root, "seeded");

    public string SeededDatabase => new DataDirectory(SeededData).Database;

    public string OriginData => Path.Combine(Root, "origin");

    public string OriginDatabase => new DataDirectory(OriginData).Database;

    public string OriginLog => Path.Combine(Root, "origin.log");

    public string ResultsFile => Path.Combine(Root, "social-results.json");

    public string AccountsFile => Path.Combine(Root, "accounts.txt");

    public bool HasSeed => File.Exists(MarkerFile) && File.ReadAllText(MarkerFile).Trim() == Key && File.Exists(AccountsFile);

    private string MarkerFile => Path.Combine(Root, "seeded.txt");

    public static SocialFolder Open(string? keep, string key)
    {
        if (keep is null)
        {
            var temporary = Path.Combine(Path.GetTempPath(), "marquee-bench-social-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(temporary);
            return new SocialFolder(temporary, kept: false, key);
        }

        var folder = new SocialFolder(keep, kept: true, key);
        if (folder.HasSeed)
        {
            return folder;
        }

        if (Directory.Exists(keep) && Directory.EnumerateFileSystemEntries(keep).Any())
        {
            // Only a folder this bench made (it has the marker) is emptied; anything else is somebody's.
            if (!File.Exists(folder.MarkerFile))
            {
                throw new ArgumentException($"--keep {keep}: the folder is not empty and not from an earlier social run; give an empty or new folder.");
            }

            Directory.Delete(keep, recursive: true);
        }

        Directory.CreateDirectory(keep);
        File.WriteAllText(folder.MarkerFile, "incomplete\n");
        return folder;
    }

    public void MarkSeeded(BenchAccounts accounts)
    {
        File.WriteAllText(AccountsFile, accounts.Serialize());
        File.WriteAllText(MarkerFile, Key + "\n");
    }

    /// <summary>A fresh copy of the seeded data folder for the origin.</summary>
    public void ResetOriginData()
    {
        if (Directory.Exists(OriginData))
        {
            Directory.Delete(OriginData, recursive: true);
        }

        Copy(SeededData, OriginData);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
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
