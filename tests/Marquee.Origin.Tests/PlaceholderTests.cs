namespace Marquee.Origin.Tests;

public sealed class TestPathsTests
{
    [Fact]
    public void Finds_the_repository_root() =>
        Assert.True(File.Exists(Path.Combine(Marquee.TestSupport.TestPaths.RepositoryRoot, "marquee")));
}
