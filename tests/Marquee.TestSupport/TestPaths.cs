namespace Marquee.TestSupport;

/// <summary>Folders the tests share: the repository root and a scratch folder per test.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>tests/js, where `./marquee test` installs the Node.js tools the tests drive.</summary>
    public static string NodeTools => Path.Combine(RepositoryRoot, "tests", "js");

    public static string NewScratchFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "marquee-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Marquee.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Marquee.sln not found above " + AppContext.BaseDirectory);
    }
}
