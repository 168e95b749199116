namespace Marquee.Origin.Ingest;

/// <summary>Removes a job's staged source and sidecars once nothing needs them (refused, published or failed for good).</summary>
internal static class StagedFiles
{
    public static void Delete(string source, IEnumerable<StagedSubtitle> subtitles)
    {
        foreach (var path in subtitles.Select(s => s.Path).Prepend(source))
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Staging is ours; a leftover harms nothing and goes with the folder.
            }
        }
    }
}
