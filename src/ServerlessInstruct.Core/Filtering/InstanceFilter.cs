using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Filtering;

/// <summary>
/// The instance filters (docs/method.md#instance-filters) for the instances of one task, applied in the original's order: invalid
/// instances first, then the conflict check on the rest, then exact duplicates, then the limit of 5.
/// </summary>
public static class InstanceFilter
{
    /// <summary>The most instances a task keeps, and so the most the instance prompts ask for (docs/method.md#instance-filters).</summary>
    public const int MaxInstancesPerTask = 5;

    public static InstanceFilterResult Apply(IReadOnlyList<SeedInstance> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var rejected = new List<RejectedInstance>();
        var valid = new List<SeedInstance>(instances.Count);
        foreach (var instance in instances)
        {
            if (InvalidReason(instance) is { } reason)
            {
                rejected.Add(new RejectedInstance(instance, reason));
            }
            else
            {
                valid.Add(instance);
            }
        }

        if (HasConflict(valid))
        {
            rejected.AddRange(valid.Select(instance => new RejectedInstance(instance, RejectionReasons.ConflictingOutputs)));
            return new InstanceFilterResult([], rejected);
        }

        var kept = new List<SeedInstance>(Math.Min(valid.Count, MaxInstancesPerTask));
        var seen = new HashSet<SeedInstance>();
        foreach (var instance in valid)
        {
            if (!seen.Add(instance))
            {
                rejected.Add(new RejectedInstance(instance, RejectionReasons.DuplicateInstance));
            }
            else if (kept.Count == MaxInstancesPerTask)
            {
                rejected.Add(new RejectedInstance(instance, RejectionReasons.OverLimit));
            }
            else
            {
                kept.Add(instance);
            }
        }

        return new InstanceFilterResult(kept, rejected);
    }

    private static string? InvalidReason(SeedInstance instance)
    {
        var input = instance.Input.Trim();
        var output = instance.Output.Trim();
        if (string.Equals(input, output, StringComparison.Ordinal))
        {
            return RejectionReasons.InputEqualsOutput;
        }

        if (output.Length == 0)
        {
            return RejectionReasons.EmptyOutput;
        }

        return input.EndsWith(':') || output.EndsWith(':') ? RejectionReasons.EndsWithColon : null;
    }

    /// <summary>Two instances with the same non-empty input and different outputs: the model contradicts itself.</summary>
    private static bool HasConflict(List<SeedInstance> instances)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (input, output) in instances)
        {
            if (input.Length > 0 && !outputs.TryAdd(input, output) && !string.Equals(outputs[input], output, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
