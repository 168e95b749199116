using System.Globalization;

namespace Marquee.Cli;

/// <summary>Sizes on the command line: plain bytes, or with K, M, G, T (powers of 1024), e.g. <c>2G</c>, <c>512M</c>.</summary>
internal static class ByteSize
{
    public static long Parse(string text, string option)
    {
        var trimmed = text.Trim();
        var unit = trimmed.Length > 0 ? char.ToUpperInvariant(trimmed[^1]) : ' ';
        var shift = unit switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        var number = shift == 0 ? trimmed : trimmed[..^1];
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > (long.MaxValue >> shift))
        {
            throw new UsageException($"{option} must be a positive size such as 2G, 512M or 1048576, not '{text}'.");
        }

        return value << shift;
    }
}
