using System.Numerics;

namespace Marquee.Edge.Caching.Eviction;

/// <summary>
/// TinyLFU's popularity estimate (Einziger, Friedman, Manes, "TinyLFU", ACM ToS 2017): a count-min sketch of 4-bit
/// counters (depth 4) behind a one-bit doorkeeper, halved every <c>10 × width</c> additions so that it forgets.
/// The doorkeeper absorbs the first request of every key, so one-hit wonders, half the keys at a video edge, never
/// reach the counters and never crowd out the keys that matter.
/// </summary>
/// <remarks>
/// Keys are hashed with a fixed function rather than <see cref="string.GetHashCode()"/>, which is randomised per
/// process, so that a replay gives the same figures every run. A fixed hash lets someone who can choose keys
/// inflate counters (Caffeine answers that with occasional random admission; this does not): the edge only caches
/// objects behind verified playback tokens, so keys are not a client's to choose freely.
/// </remarks>
internal sealed class FrequencySketch
{
    private const int MaxCount = 15;
    private const ulong ResetMask = 0x7777_7777_7777_7777UL;
    private const ulong OneMask = 0x1111_1111_1111_1111UL;

    private static readonly ulong[] Seeds =
    [
        0xC3A5_C85C_97CB_3127UL, 0xB492_B66F_BE98_F273UL, 0x9AE1_6A3B_2F90_404FUL, 0xCBF2_9CE4_8422_2325UL,
    ];

    private readonly ulong[] _counters;
    private readonly ulong[] _doorkeeper;
    private readonly int _counterMask;
    private readonly int _doorkeeperMask;
    private readonly int _sampleSize;
    private int _additions;

    public FrequencySketch(int expectedEntries)
    {
        Width = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expectedEntries, 64, 1 << 24));
        // Width counters of 4 bits, 16 to a ulong. The doorkeeper must hold every distinct key of a sample period
        // (up to 10 × width) or it saturates and lets one-hit wonders through: 64 bits per counter, about 6 bits per
        // key at worst, which keeps its false positives under ~7% with two probes.
        _counters = new ulong[Math.Max(1, Width / 16)];
        _counterMask = Width - 1;
        _doorkeeper = new ulong[Width];
        _doorkeeperMask = (Width * 64) - 1;
        _sampleSize = 10 * Width;
    }

    /// <summary>How many distinct keys the sketch is sized for.</summary>
    public int Width { get; }

    /// <summary>
    /// Carries a key's estimate over from an outgrown sketch (the doorkeeper bit and the counters), without counting
    /// as an addition: growing must not forget what the resident objects earned.
    /// </summary>
    public void Seed(ulong hash, int frequency)
    {
        if (frequency <= 0)
        {
            return;
        }

        AddToDoorkeeper(hash);
        var count = (ulong)Math.Min(frequency - 1, MaxCount);
        for (var i = 0; i < Seeds.Length; i++)
        {
            var index = CounterIndex(hash, i);
            var shift = (index & 15) << 2;
            var current = (_counters[index >> 4] >> shift) & 0xF;
            if (current < count)
            {
                _counters[index >> 4] += (count - current) << shift;
            }
        }
    }

    public static ulong Hash(string key)
    {
        // FNV-1a over the UTF-16 code units, then a strong finaliser: fast, stable across processes.
        var hash = 0xCBF2_9CE4_8422_2325UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 0x0000_0100_0000_01B3UL;
        }

        hash ^= hash >> 33;
        hash *= 0xFF51_AFD7_ED55_8CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CE_B9FE_1A85_EC53UL;
        return hash ^ (hash >> 33);
    }

    public int Frequency(ulong hash)
    {
        var frequency = MaxCount;
        for (var i = 0; i < Seeds.Length; i++)
        {
            var index = CounterIndex(hash, i);
            var count = (int)((_counters[index >> 4] >> ((index & 15) << 2)) & 0xF);
            frequency = Math.Min(frequency, count);
        }

        return frequency + (InDoorkeeper(hash) ? 1 : 0);
    }

    public void Increment(ulong hash)
    {
        if (!InDoorkeeper(hash))
        {
            AddToDoorkeeper(hash);
        }
        else
        {
            // Conservative update: only the smallest counters move, which keeps over-estimates down.
            var minimum = int.MaxValue;
            Span<int> indexes = stackalloc int[4];
            for (var i = 0; i < Seeds.Length; i++)
            {
                indexes[i] = CounterIndex(hash, i);
                minimum = Math.Min(minimum, (int)((_counters[indexes[i] >> 4] >> ((indexes[i] & 15) << 2)) & 0xF));
            }

            if (minimum < MaxCount)
            {
                foreach (var index in indexes)
                {
                    var shift = (index & 15) << 2;
                    if ((int)((_counters[index >> 4] >> shift) & 0xF) == minimum)
                    {
                        _counters[index >> 4] += 1UL << shift;
                    }
                }
            }
        }

        if (++_additions >= _sampleSize)
        {
            Age();
        }
    }

    private void Age()
    {
        // Halve every counter and forget the doorkeeper: popularity from long ago fades.
        var odd = 0;
        for (var i = 0; i < _counters.Length; i++)
        {
            odd += BitOperations.PopCount(_counters[i] & OneMask);
            _counters[i] = (_counters[i] >> 1) & ResetMask;
        }

        Array.Clear(_doorkeeper);
        _additions = (_additions - (odd / 4)) / 2;
    }

    private int CounterIndex(ulong hash, int row)
    {
        var h = (hash ^ Seeds[row]) * Seeds[(row + 1) & 3];
        return (int)(h >> 32) & _counterMask;
    }

    private bool InDoorkeeper(ulong hash)
    {
        var a = (int)hash & _doorkeeperMask;
        var b = (int)(hash >> 32) & _doorkeeperMask;
        return (_doorkeeper[a >> 6] & (1UL << a)) != 0 && (_doorkeeper[b >> 6] & (1UL << b)) != 0;
    }

    private void AddToDoorkeeper(ulong hash)
    {
        var a = (int)hash & _doorkeeperMask;
        var b = (int)(hash >> 32) & _doorkeeperMask;
        _doorkeeper[a >> 6] |= 1UL << a;
        _doorkeeper[b >> 6] |= 1UL << b;
    }
}
