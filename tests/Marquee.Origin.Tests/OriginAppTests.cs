namespace Marquee.Origin.Tests;

public sealed class OriginAppTests
{
    [Theory]
    [InlineData("http://localhost:9000", "http://localhost:9000")]
    [InlineData("http://0.0.0.0:8080;http://localhost:8081/", "http://localhost:8081")]
    [InlineData("http://*:8080;https://media.example.com", "https://media.example.com")]
    [InlineData("http://127.0.0.1:0", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Mail_links_follow_the_first_address_a_browser_could_open(string? urls, string? expected) =>
        Assert.Equal(expected, OriginApp.ListeningUrl(urls));
}
