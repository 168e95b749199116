namespace Marquee.Edge.Tests;

/// <summary>Object bodies for tests: deterministic, and different for each name, so a mix-up shows.</summary>
public static class TestBytes
{
    public static byte[] Make(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
