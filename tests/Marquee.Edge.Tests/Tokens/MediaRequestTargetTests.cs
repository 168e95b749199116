using Marquee.Edge.Tokens;

namespace Marquee.Edge.Tests.Tokens;

public sealed class MediaRequestTargetTests
{
    [Theory]
    [InlineData("/media/a1/v1/seg-0-00001.m4s?token=abc", "/media/a1/v1/seg-0-00001.m4s", "abc")]
    [InlineData("/media/a1/v1/trickplay/sprite-001.jpg", "/media/a1/v1/trickplay/sprite-001.jpg", null)]
    [InlineData("/media/a1/v1/master.m3u8?x=1&token=t.u.v", "/media/a1/v1/master.m3u8", "t.u.v")]
    public void Plain_media_paths_parse_with_their_token(string raw, string path, string? token)
    {
        Assert.True(MediaRequestTarget.TryParse(raw, out var target, out var reason), reason);
        Assert.Equal(path, target.Path);
        Assert.Equal(path[1..], target.Key);
        Assert.Equal(token, target.Token);
    }

    [Theory]
    [InlineData("/media/a1/v1/../../etc/passwd")]
    [InlineData("/media/a1/v1/%2e%2e/%2e%2e/x")]
    [InlineData("/media/a1/v1/%2E%2E/x")]
    [InlineData("/media/a1/v1/..%2fx")]
    [InlineData("/media/a1/v1/..%5cx")]
    [InlineData("/media/a1/v1/..\\x")]
    [InlineData("/media/a1/v1//x")]
    [InlineData("/media/a1/v1/./x")]
    [InlineData("/other/a1/v1/x")]
    [InlineData("/media/a1/v1/x?token=a&token=b")]
    [InlineData("/media/a1/v1/x?token=a&x=1&x=2")]
    [InlineData("/media/a1/v1/x?&token=a")]
    public void Traversal_encoding_and_repeated_parameters_are_refused(string raw)
    {
        Assert.False(MediaRequestTarget.TryParse(raw, out _, out var reason));
        Assert.NotEmpty(reason);
    }
}
