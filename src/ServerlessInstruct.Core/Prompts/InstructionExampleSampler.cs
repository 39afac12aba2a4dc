namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// Picks the in-context instructions of one instruction-generation prompt (docs/method.md#sampling-and-decoding-constants): 2 from the
/// machine-generated pool (fewer while it is smaller), the rest of the 8 from the human seeds, shuffled together.
/// </summary>
public static class InstructionExampleSampler
{
    public const int ExampleCount = 8;

    public const int MachineExampleCount = 2;

    /// <summary>The same <paramref name="seed"/> and inputs always give the same examples in the same order.</summary>
    public static IReadOnlyList<string> Pick(IReadOnlyList<string> seedInstructions, IReadOnlyList<string> machineInstructions, int seed) =>
        Pick(seedInstructions, machineInstructions, new Random(seed));

    /// <summary>Samples without replacement; with fewer than 8 instructions in all, every one is used.</summary>
    public static IReadOnlyList<string> Pick(IReadOnlyList<string> seedInstructions, IReadOnlyList<string> machineInstructions, Random random)
    {
        ArgumentNullException.ThrowIfNull(seedInstructions);
        ArgumentNullException.ThrowIfNull(machineInstructions);
        ArgumentNullException.ThrowIfNull(random);

        var fromMachine = Math.Min(MachineExampleCount, machineInstructions.Count);
        var fromSeeds = Math.Min(ExampleCount - fromMachine, seedInstructions.Count);
        var picked = new string[fromMachine + fromSeeds];
        var next = 0;
        foreach (var index in RandomSubset.Indices(machineInstructions.Count, fromMachine, random))
        {
            picked[next++] = machineInstructions[index];
        }

        foreach (var index in RandomSubset.Indices(seedInstructions.Count, fromSeeds, random))
        {
            picked[next++] = seedInstructions[index];
        }

        random.Shuffle(picked);
        return picked;
    }
}
