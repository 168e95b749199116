namespace Marquee.Bench.Scale;

/// <summary>Where a bench keeps its outputs: <c>out/</c> next to its project file, found from the build output.</summary>
internal static class BenchFolder
{
    public static string Out(string projectFile)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, projectFile)))
            {
                return Path.Combine(dir.FullName, "out");
            }
        }

        return Path.GetFullPath("out");
    }
}
