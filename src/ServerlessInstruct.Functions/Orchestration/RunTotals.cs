using ServerlessInstruct.Core.Records;
namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// Running counts of a run. For each stage, generated = kept + the sum of that stage's rejections, which is what
/// <c>manifest.json</c> reports and what its readers check.
/// </summary>
public sealed record RunTotals
{
    public static readonly RunTotals Empty = new();

    public int Records { get; init; }

    public int InstructionsGenerated { get; init; }

    public int InstructionsKept { get; init; }

    public int InstancesGenerated { get; init; }

    public int InstancesKept { get; init; }

    /// <summary>Kept instances not written because the target was reached mid-round.</summary>
    public int InstancesOverTarget { get; init; }

    /// <summary>Rejections keyed <c>stage/reason</c>.</summary>
    public IReadOnlyDictionary<string, int> Rejected { get; init; } = new Dictionary<string, int>();

    public LlmUsage Usage { get; init; } = LlmUsage.None;

    /// <summary>The judging stage's counts; <see cref="JudgeTally.None"/> when the run is not judged.</summary>
    public JudgeTally Judge { get; init; } = JudgeTally.None;

    /// <summary>A batch run's jobs; <see cref="BatchTally.None"/> for a run that calls the LLM at once.</summary>
    public BatchTally Batches { get; init; } = BatchTally.None;

    public RunTotals WithRejections(IEnumerable<RejectedRecord> rejections)
    {
        var counts = new Dictionary<string, int>(Rejected, StringComparer.Ordinal);
        foreach (var rejection in rejections)
        {
            var key = $"{rejection.Stage}/{rejection.Reason}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return this with { Rejected = counts };
    }

    public int RejectedIn(string stage) => Rejected.Where(r => IsInStage(r.Key, stage)).Sum(r => r.Value);

    /// <summary>Whether a <c>stage/reason</c> key of <see cref="Rejected"/> belongs to <paramref name="stage"/>.</summary>
    public static bool IsInStage(string key, string stage) =>
        key.Length > stage.Length && key[stage.Length] == '/' && key.StartsWith(stage, StringComparison.Ordinal);
}
