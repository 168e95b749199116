namespace Marquee.Bench.Party;

/// <summary>
/// Where a run works: the origin's data folder (seeded accounts and the film), its log and the results. A
/// temporary folder deleted at the end, or with <c>--keep DIR</c> that folder, whose seeded data a later run with
/// as many accounts or fewer reuses (parties live in the origin's memory and end with each scenario).
/// </summary>
internal sealed class PartyFolder : IDisposable
{
    private PartyFolder(string root, bool kept)
    {
        Root = root;
        Kept = kept;
    }

    public string Root { get; }

    public bool Kept { get; }

    public string OriginData => Path.Combine(Root, "origin");

    public string OriginLog => Path.Combine(Root, "origin.log");

    public string ResultsFile => Path.Combine(Root, "party-results.json");

    private string MarkerFile => Path.Combine(Root, "seeded.txt");

    /// <summary>The film's id and the number of accounts when a seed is there.</summary>
    public (string PlayableId, int Accounts)? Seeded
    {
        get
        {
            if (!File.Exists(MarkerFile))
            {
                return null;
            }

            var lines = File.ReadAllLines(MarkerFile);
            return lines.Length == 2 && int.TryParse(lines[1], out var accounts) ? (lines[0], accounts) : null;
        }
    }

    public static PartyFolder Open(string? keep)
    {
        if (keep is null)
        {
            var temporary = Path.Combine(Path.GetTempPath(), "marquee-bench-party-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(temporary);
            return new PartyFolder(temporary, kept: false);
        }

        var folder = new PartyFolder(keep, kept: true);
        if (Directory.Exists(keep) && Directory.EnumerateFileSystemEntries(keep).Any() && !File.Exists(folder.MarkerFile))
        {
            throw new ArgumentException($"--keep {keep}: the folder is not empty and not from an earlier party run; give an empty or new folder.");
        }

        Directory.CreateDirectory(keep);
        return folder;
    }

    /// <summary>Empties the data folder for a new seed.</summary>
    public void Reset()
    {
        if (Directory.Exists(OriginData))
        {
            Directory.Delete(OriginData, recursive: true);
        }

        File.Delete(Path.Combine(Root, "tokens.txt"));
        File.WriteAllText(MarkerFile, "incomplete\n");
        Directory.CreateDirectory(OriginData);
    }

    public void MarkSeeded(string playableId, int accounts) => File.WriteAllText(MarkerFile, playableId + "\n" + accounts + "\n");

    public void Dispose()
    {
        if (!Kept && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
