using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Tests.Filtering;

public sealed class InstanceFilterTests
{
    [Fact]
    public void Invalid_instances_are_rejected_with_their_reasons()
    {
        SeedInstance[] instances =
        [
            new("25°C", "77°F"),
            new("same", "same"),
            new("0°C", "  "),
            new("Convert this:", "Nothing"),
            new("10°C", "The answer is:"),
            new("", "Blue"),
        ];

        var result = InstanceFilter.Apply(instances);

        Assert.Equal([new SeedInstance("25°C", "77°F"), new SeedInstance("", "Blue")], result.Kept);
        Assert.Equal(
            [RejectionReasons.InputEqualsOutput, RejectionReasons.EmptyOutput, RejectionReasons.EndsWithColon, RejectionReasons.EndsWithColon],
            result.Rejected.Select(rejected => rejected.Reason));
    }

    [Fact]
    public void Same_input_with_different_outputs_rejects_every_instance_of_the_task()
    {
        SeedInstance[] instances = [new("2 + 2", "4"), new("3 + 3", "6"), new("2 + 2", "5")];

        var result = InstanceFilter.Apply(instances);

        Assert.Empty(result.Kept);
        Assert.Equal(3, result.Rejected.Count);
        Assert.All(result.Rejected, rejected => Assert.Equal(RejectionReasons.ConflictingOutputs, rejected.Reason));
    }

    [Fact]
    public void Empty_inputs_never_conflict()
    {
        SeedInstance[] instances = [new("", "A haiku about rain."), new("", "A haiku about snow.")];

        Assert.Equal(2, InstanceFilter.Apply(instances).Kept.Count);
    }

    [Fact]
    public void Conflicts_are_checked_after_invalid_instances_are_gone()
    {
        // The second instance would conflict, but it is already dropped for repeating its input.
        SeedInstance[] instances = [new("x", "y"), new("x", "x")];

        var result = InstanceFilter.Apply(instances);

        Assert.Equal([new SeedInstance("x", "y")], result.Kept);
        Assert.Equal(RejectionReasons.InputEqualsOutput, Assert.Single(result.Rejected).Reason);
    }

    [Fact]
    public void Exact_duplicates_are_removed_keeping_the_first()
    {
        SeedInstance[] instances = [new("a", "b"), new("c", "d"), new("a", "b")];

        var result = InstanceFilter.Apply(instances);

        Assert.Equal([new SeedInstance("a", "b"), new SeedInstance("c", "d")], result.Kept);
        Assert.Equal(new RejectedInstance(new SeedInstance("a", "b"), RejectionReasons.DuplicateInstance), Assert.Single(result.Rejected));
    }

    [Fact]
    public void At_most_five_are_kept_in_order()
    {
        var instances = Enumerable.Range(1, 7).Select(i => new SeedInstance($"in {i}", $"out {i}")).ToList();

        var result = InstanceFilter.Apply(instances);

        Assert.Equal(instances[..5], result.Kept);
        Assert.Equal([instances[5], instances[6]], result.Rejected.Select(rejected => rejected.Instance));
        Assert.All(result.Rejected, rejected => Assert.Equal(RejectionReasons.OverLimit, rejected.Reason));
    }

    [Fact]
    public void Korean_instances_are_filtered_the_same_way()
    {
        SeedInstance[] instances = [new("케냐", "나이로비"), new("페루", "페루"), new("다음 중 고르세요:", "리마")];

        var result = InstanceFilter.Apply(instances);

        Assert.Equal([new SeedInstance("케냐", "나이로비")], result.Kept);
    }
}
