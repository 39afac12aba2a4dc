namespace ServerlessInstruct.Core.Prompts;

/// <summary>Distinct random indices for the example samplers, the same ones for the same <see cref="Random"/> state.</summary>
internal static class RandomSubset
{
    /// <summary>
    /// Floyd's algorithm: <paramref name="count"/> distinct indices below <paramref name="total"/> from exactly
    /// <paramref name="count"/> draws, whatever the size of <paramref name="total"/>. Each draw is checked against the
    /// indices chosen before it, O(count²) comparisons in all: for the few examples a prompt shows that is cheaper
    /// than a hash set.
    /// </summary>
    public static int[] Indices(int total, int count, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, total);
        var chosen = new int[count];
        for (var i = 0; i < count; i++)
        {
            var candidate = total - count + i;
            var index = random.Next(candidate + 1);
            chosen[i] = chosen.AsSpan(0, i).Contains(index) ? candidate : index;
        }

        return chosen;
    }
}
