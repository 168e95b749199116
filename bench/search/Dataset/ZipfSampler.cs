namespace Marquee.Bench.Search.Dataset;

/// <summary>
/// Picks ranks 0..count-1 with probability proportional to 1/(rank+1)^exponent: a few words (or actors) are
/// everywhere and most are rare, as in real catalogs.
/// </summary>
internal sealed class ZipfSampler
{
    private readonly double[] _cumulative;

    public ZipfSampler(int count, double exponent)
    {
        _cumulative = new double[count];
        var total = 0.0;
        for (var rank = 0; rank < count; rank++)
        {
            total += 1.0 / Math.Pow(rank + 1, exponent);
            _cumulative[rank] = total;
        }
    }

    public int Next(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return Math.Min(index >= 0 ? index : ~index, _cumulative.Length - 1);
    }
}
