using Marquee.Media.Storage;

namespace Marquee.Media.Tests.Storage;

public sealed class ObjectKeyTests
{
    [Theory]
    [InlineData("media/abc/1/master.m3u8")]
    [InlineData("media/a-b_c/v1/chunk-0-00001.m4s")]
    public void Accepts_plain_keys(string key) => Assert.True(ObjectKey.IsValid(key));

    [Theory]
    [InlineData("")]
    [InlineData("/media/x")]
    [InlineData("media//x")]
    [InlineData("media/../etc/passwd")]
    [InlineData("media/./x")]
    [InlineData("media/x/")]
    [InlineData("media\\x")]
    [InlineData("media/%2e%2e/x")]
    [InlineData("media/x y")]
    public void Refuses_keys_that_could_escape_or_confuse(string key) => Assert.False(ObjectKey.IsValid(key));
}
