using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>The input records a walking batch covers, read from the run's seed snapshot.</summary>
static class SourceRecords
{
    /// <summary>Records <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1, fewer at the end of the input.</summary>
    public static IReadOnlyList<SeedTask> Slice(IReadOnlyList<SeedTask> tasks, int start, int count)
    {
        var from = Math.Clamp(start, 0, tasks.Count);
        return [.. tasks.Skip(from).Take(Math.Clamp(count, 0, tasks.Count - from))];
    }

    /// <summary>A record's input and output: those of its first instance (Alpaca and question/answer records have exactly one).</summary>
    public static SeedInstance Example(SeedTask task) => task.Instances is [var first, ..] ? first : new SeedInstance(string.Empty, string.Empty);
}
