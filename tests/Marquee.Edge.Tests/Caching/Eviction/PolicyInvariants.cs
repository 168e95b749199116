using Marquee.Edge.Caching.Eviction;

namespace Marquee.Edge.Tests.Caching.Eviction;

/// <summary>
/// Drives a policy with a seeded random mix of hits, admissions of new and returning keys and removals, and checks
/// after every step what the cache store relies on, against a model kept here from what the policy reported.
/// </summary>
internal static class PolicyInvariants
{
    public static void Check(IEvictionPolicy policy, int seed, int steps, int keySpace, long minSize, long maxSize)
    {
        var random = new Random(seed);
        var held = new Dictionary<string, long>(); // what the policy should hold, from Admit's answers and evictions
        var evicted = new List<string>();
        for (var step = 0; step < steps; step++)
        {
            var key = "k" + random.Next(keySpace);
            var roll = random.Next(10);
            if (roll == 0)
            {
                policy.Remove(key);
                held.Remove(key);
            }
            else if (held.ContainsKey(key))
            {
                policy.Touch(key);
            }
            else
            {
                var size = random.NextInt64(minSize, maxSize + 1);
                evicted.Clear();
                var admitted = policy.Admit(key, size, evicted);
                foreach (var gone in evicted)
                {
                    Assert.True(held.Remove(gone), $"step {step}: evicted '{gone}', which it did not hold");
                    Assert.False(policy.Contains(gone), $"step {step}: '{gone}' was reported evicted but is still contained");
                }

                if (admitted)
                {
                    held.Add(key, size);
                }
                else
                {
                    Assert.Empty(evicted);
                }
            }

            Assert.True(policy.UsedBytes <= policy.CapacityBytes, $"step {step}: {policy.UsedBytes} bytes used of {policy.CapacityBytes}");
            Assert.Equal(held.Count, policy.Count);
            Assert.Equal(held.Values.Sum(), policy.UsedBytes);
        }

        foreach (var key in held.Keys)
        {
            Assert.True(policy.Contains(key), $"'{key}' was admitted, never reported evicted, yet is not contained");
        }
    }
}
