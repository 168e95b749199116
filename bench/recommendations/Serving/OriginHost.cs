namespace Marquee.Bench.Recommendations.Serving;

/// <summary>Finds the built <c>marquee</c> host from the bench's own build output.</summary>
internal static class OriginHost
{
    public static string Path()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Marquee.sln")))
            {
                var host = System.IO.Path.Combine(dir.FullName, "src", "Marquee.Cli", "bin", "Release", "net10.0", "marquee.dll");
                return File.Exists(host) ? host
                    : throw new FileNotFoundException($"{host} is missing: build src/Marquee.Cli in Release (bench/recommendations/run does).");
            }
        }

        throw new FileNotFoundException("Marquee.sln not found above the bench's build output.");
    }
}
