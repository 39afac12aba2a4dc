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
        var take = Math.Min(count, tasks.Count);

        // Floyd's algorithm: distinct indices in O(count) whatever the number of seeds.
        var chosen = new List<int>(take);
        for (var candidate = tasks.Count - take; candidate < tasks.Count; candidate++)
        {
            var index = random.Next(candidate + 1);
            chosen.Add(chosen.Contains(index) ? candidate : index);
        }

        var picked = chosen.Select(index => tasks[index]).ToArray();
        random.Shuffle(picked);
        return picked;
    }
}
