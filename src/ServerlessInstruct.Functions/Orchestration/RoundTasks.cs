using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// Turns an accepted instruction whose output is written into a task through the instance filters, the step every
/// mode shares after its own generation. Pure and deterministic, so the orchestrator may call it as well as activities.
/// </summary>
public static class RoundTasks
{
    /// <param name="output">The output, which <paramref name="candidate"/> may still lack.</param>
    public static GeneratedTask Complete(AcceptedInstruction accepted, CandidateTask candidate, string output, int round, LlmUsage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(candidate);
        var filtered = InstanceFilter.Apply([new SeedInstance(candidate.Input, output)]);
        var rejected = filtered.Rejected
            .Select(r => new RejectedRecord(accepted.Instruction, PipelineStages.InstanceFilter, r.Reason, null, round) { Instance = r.Instance, SourceId = candidate.SourceId })
            .ToList();
        return new GeneratedTask(accepted, IsClassification: false, filtered.Kept, InstancesGenerated: 1, rejected, usage ?? LlmUsage.None)
        {
            SourceId = candidate.SourceId,
            Url = candidate.Url,
            Mrc = candidate.Mrc,
            ContentFilter = candidate.ContentFilter,
        };
    }
}
