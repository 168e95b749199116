namespace Marquee.Edge.Tests.FastPath;

/// <summary>One response read by <see cref="RawConnection"/>.</summary>
public sealed record RawResponse(int Status, ILookup<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers[name].SingleOrDefault();
}
