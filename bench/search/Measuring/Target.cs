using System.Globalization;

namespace Marquee.Bench.Search.Measuring;

/// <summary>A search endpoint under test: a name for the report and the URL of a query.</summary>
internal sealed record Target(string Name, Uri BaseAddress, string Path)
{
    public const int Limit = 20;

    public Uri For(string text) =>
        new(BaseAddress, string.Create(CultureInfo.InvariantCulture, $"{Path}?q={Uri.EscapeDataString(text)}&limit={Limit}"));
}
