using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>Picks the seed tasks an Alpaca prompt shows: distinct tasks, in random order, the same for the same seed.</summary>
public static class TaskExampleSampler
{
    public static IReadOnlyList<SeedTask> Pick(IReadOnlyList<SeedTask> tasks, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var picked = RandomSubset.Indices(tasks.Count, Math.Min(count, tasks.Count), random).Select(index => tasks[index]).ToArray();
        random.Shuffle(picked);
        return picked;
    }
}
