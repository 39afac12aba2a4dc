using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>The input records a walking batch covers, read from the run's seed snapshot.</summary>
internal static class SourceRecords
{
    /// <summary>
    /// A batch reply as the orchestrator takes it: a candidate for each record the reply answered, a rejection naming
    /// the record for each it could not, and one for each problem of the reply as a whole.
    /// </summary>
    public static GeneratedCandidates Candidates<T>(
        SourceBatchInput input,
        IReadOnlyList<SeedTask> sources,
        BatchReply<T> reply,
        string stage,
        Func<T, SeedTask, CandidateTask> candidate,
        LlmUsage usage,
        IReadOnlyList<ContentFilterFlag> contentFilter)
        where T : class
    {
        var flags = ContentFilterFlags.Merge(contentFilter);
        var candidates = new List<CandidateTask>();
        var rejected = reply.Problems
            .Select(p => new RejectedRecord($"source records {input.Start + 1}-{input.Start + sources.Count}", stage, p.Code, p.Detail, input.Round))
            .ToList();
        foreach (var item in reply.Items)
        {
            var source = sources[item.Index];
            if (item.Value is { } value)
            {
                candidates.Add(candidate(value, source) with { ContentFilter = flags });
            }
            else
            {
                rejected.Add(new RejectedRecord(source.Instruction, stage, item.Reason!, item.Detail, input.Round) { SourceId = source.Id });
            }
        }

        return new GeneratedCandidates(candidates, rejected, usage);
    }

    /// <summary>Records <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1, fewer at the end of the input.</summary>
    public static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> tasks, int start, int count)
    {
        var from = Math.Clamp(start, 0, tasks.Count);
        return [.. tasks.Skip(from).Take(Math.Clamp(count, 0, tasks.Count - from))];
    }

    /// <summary>A record's input and output: those of its first instance (Alpaca and question/answer records have exactly one).</summary>
    public static SeedInstance Example(SeedTask task) => task.Instances is [var first, ..] ? first : new SeedInstance(string.Empty, string.Empty);
}
