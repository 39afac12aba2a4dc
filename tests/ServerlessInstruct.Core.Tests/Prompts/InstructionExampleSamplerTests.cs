using ServerlessInstruct.Core.Prompts;

namespace ServerlessInstruct.Core.Tests.Prompts;

public sealed class InstructionExampleSamplerTests
{
    private static readonly string[] Seeds = [.. Enumerable.Range(0, 175).Select(i => $"seed {i}")];
    private static readonly string[] Machine = [.. Enumerable.Range(0, 500).Select(i => $"machine {i}")];

    [Fact]
    public void Same_seed_gives_the_same_examples_in_the_same_order()
    {
        Assert.Equal(InstructionExampleSampler.Pick(Seeds, Machine, 42), InstructionExampleSampler.Pick(Seeds, Machine, 42));
    }

    [Fact]
    public void Picks_for_a_seed_do_not_change_between_versions()
    {
        // Activities derive their seed from the run, round and slot, so a retry or a resumed run must see the same examples.
        Assert.Equal(
            ["machine 70", "seed 126", "seed 89", "seed 28", "machine 333", "seed 45", "seed 21", "seed 174"],
            InstructionExampleSampler.Pick(Seeds, Machine, 42));
        Assert.Equal(
            ["seed 4", "seed 1", "seed 7", "seed 9", "seed 8", "machine 0", "seed 3", "seed 2"],
            InstructionExampleSampler.Pick(Seeds[..10], Machine[..1], 3));
    }

    [Fact]
    public void Different_seeds_give_different_picks()
    {
        var picks = Enumerable.Range(0, 20).Select(seed => string.Join('|', InstructionExampleSampler.Pick(Seeds, Machine, seed))).ToHashSet();

        Assert.Equal(20, picks.Count);
    }

    [Theory]
    [InlineData(0, 0, 8)]
    [InlineData(1, 1, 7)]
    [InlineData(2, 2, 6)]
    [InlineData(500, 2, 6)]
    public void Two_come_from_the_machine_pool_when_it_has_them_and_the_rest_from_the_seeds(int poolSize, int fromMachine, int fromSeeds)
    {
        var picked = InstructionExampleSampler.Pick(Seeds, Machine[..poolSize], 7);

        Assert.Equal(8, picked.Count);
        Assert.Equal(fromMachine, picked.Count(text => text.StartsWith("machine", StringComparison.Ordinal)));
        Assert.Equal(fromSeeds, picked.Count(text => text.StartsWith("seed", StringComparison.Ordinal)));
        Assert.Equal(8, picked.Distinct().Count());
    }

    [Fact]
    public void Small_seed_sets_are_used_whole()
    {
        var picked = InstructionExampleSampler.Pick(Seeds[..3], [], 1);

        Assert.Equal(Seeds[..3].Order(), picked.Order());
    }

    [Fact]
    public void Machine_examples_are_shuffled_among_the_seeds()
    {
        var positions = Enumerable.Range(0, 200)
            .SelectMany(seed => InstructionExampleSampler.Pick(Seeds, Machine, seed).Select((text, index) => (text, index)))
            .Where(pair => pair.text.StartsWith("machine", StringComparison.Ordinal))
            .Select(pair => pair.index)
            .ToHashSet();

        Assert.Equal(8, positions.Count);
    }

    [Fact]
    public void Every_seed_can_be_picked()
    {
        var seen = Enumerable.Range(0, 400).SelectMany(seed => InstructionExampleSampler.Pick(Seeds, Machine, seed)).Where(text => text.StartsWith("seed", StringComparison.Ordinal)).ToHashSet();

        Assert.Equal(175, seen.Count);
    }
}
