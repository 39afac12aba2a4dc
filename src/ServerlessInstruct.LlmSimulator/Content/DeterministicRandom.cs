namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// A SplitMix64 stream. Each request gets its own instance derived from the seed and the request's hash, so
/// concurrent requests never share state and every answer is reproducible on its own.
/// </summary>
internal sealed class DeterministicRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>A stream for the given seed and salts; different salts give independent streams.</summary>
    public static DeterministicRandom For(long seed, ulong key, ulong salt) =>
        new(Mix(Mix(unchecked((ulong)seed) ^ 0x5DEECE66DUL) ^ key ^ Mix(salt)));

    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>An integer in [minInclusive, maxInclusive].</summary>
    public int Between(int minInclusive, int maxInclusive) =>
        maxInclusive <= minInclusive ? minInclusive : minInclusive + Next(maxInclusive - minInclusive + 1);

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
