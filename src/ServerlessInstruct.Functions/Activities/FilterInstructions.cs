using System.Runtime.CompilerServices;
using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// The round's candidates through the instruction filters (with the mode's blacklist) and the ROUGE-L pool, one at a
/// time in order, each accepted one joining the pool at once (Self-Instruct step 2's greedy dedup). Accepted instructions are written
/// to the table as deterministic rows; a retry sees the pool without this round's rows and decides the same.
/// </summary>
public sealed class FilterInstructions(InstructionPoolCache pool, InstructionPoolTable table, SeedStore seeds)
    : IPipelineActivity<FilterInstructionsInput, FilteredInstructions>
{
    private const int ProvenanceCount = 10;

    private static readonly ConditionalWeakTable<MrcSource, Dictionary<string, MrcQuestion>> QuestionIndexes = [];

    [Function(nameof(FilterInstructions))]
    public Task<FilteredInstructions> Run([ActivityTrigger] FilterInstructionsInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<FilteredInstructions> RunAsync(FilterInstructionsInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(FilterInstructions), input.Request.RunId, input.Round);
        var options = input.Request.Options;
        var language = LanguageProfile.For(options.Language);
        var filter = new InstructionFilter(language, PipelineModes.BlacklistFor(options.Mode));
        if (PipelineModes.DedupsPerContext(options.Mode))
        {
            return await PerContextAsync(input, filter, language, cancellationToken);
        }

        return await pool.UseForRoundAsync(PoolKeys.For(options, language), input.Request.RunId, input.Round, async view =>
        {
            var screen = new InstructionScreen(filter, view, ProvenanceCount);
            var accepted = new List<AcceptedInstruction>();
            var rejected = new List<RejectedRecord>();
            for (var position = 0; position < input.Candidates.Count; position++)
            {
                var candidate = input.Candidates[position];
                var before = view.Accepted.Count;
                var decision = screen.Screen(candidate);
                if (!decision.Accepted)
                {
                    rejected.Add(new RejectedRecord(candidate, PipelineStages.InstructionFilter, decision.Reason!, decision.Detail, input.Round) { SourceId = SourceOf(input, position) });
                }
                else if (view.Accepted.Count == before)
                {
                    // Scored no tokens, so ROUGE-L could not see that the very same text is in the pool.
                    rejected.Add(new RejectedRecord(candidate, PipelineStages.InstructionFilter, RejectionReasons.NearDuplicate, "identical to a pool instruction", input.Round) { SourceId = SourceOf(input, position) });
                }
                else
                {
                    accepted.Add(new AcceptedInstruction(
                        $"{input.Request.RunId}-r{input.Round:D4}-{accepted.Count:D3}",
                        candidate,
                        decision.Similarity.MostSimilar,
                        decision.Similarity.MeanScore,
                        position));
                }
            }

            await table.UpsertAsync(options.DedupScope, view.Accepted, cancellationToken);
            return new FilteredInstructions(accepted, rejected);
        }, cancellationToken);
    }

    /// <summary>
    /// mrc mode: the rules judge each candidate's instruction, and its source question is compared only with the
    /// questions about the same passage (a pool partition per passage). A question kept in several answer styles is
    /// compared once: its other styles share that verdict instead of meeting their own question in the pool.
    /// </summary>
    private async Task<FilteredInstructions> PerContextAsync(
        FilterInstructionsInput input, InstructionFilter filter, LanguageProfile language, CancellationToken cancellationToken)
    {
        var options = input.Request.Options;
        var source = await seeds.GetMrcSnapshotAsync(input.Request.RunId, cancellationToken);
        var questions = QuestionIndexes.GetValue(source, s => s.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal));
        var decisions = new ScreenDecision[input.Candidates.Count];
        var positions = Enumerable.Range(0, input.Candidates.Count)
            .GroupBy(p => input.SourceIds is { } ids && p < ids.Count && ids[p] is { } id && questions.TryGetValue(id, out var q) ? q.Context : -1);
        foreach (var group in positions)
        {
            var key = group.Key >= 0 ? PoolKeys.ForContext(options, language, source.Contexts[group.Key].Text) : PoolKeys.For(options, language);
            await pool.UseForRoundAsync(key, input.Request.RunId, input.Round, async view =>
            {
                var screen = new InstructionScreen(filter, view, ProvenanceCount);
                var byQuestion = new Dictionary<string, ScreenDecision>(StringComparer.Ordinal);
                foreach (var position in group)
                {
                    var candidate = input.Candidates[position];
                    var question = SourceOf(input, position) is { } id ? questions.GetValueOrDefault(id) : null;
                    if (question is not null && byQuestion.TryGetValue(question.Id, out var earlier) && filter.Explain(candidate) is null)
                    {
                        decisions[position] = earlier with { Instruction = candidate };
                        continue;
                    }

                    var before = view.Accepted.Count;
                    var decision = screen.Screen(candidate, question?.Question ?? candidate);
                    if (decision.Accepted && view.Accepted.Count == before)
                    {
                        decision = decision with { Reason = RejectionReasons.NearDuplicate, Detail = "identical to a pool question" };
                    }

                    if (question is not null && (decision.Accepted || decision.Reason == RejectionReasons.NearDuplicate))
                    {
                        byQuestion[question.Id] = decision;
                    }

                    decisions[position] = decision;
                }

                await table.UpsertAsync(key.Scope, view.Accepted, cancellationToken);
                return true;
            }, cancellationToken);
        }

        var accepted = new List<AcceptedInstruction>();
        var rejected = new List<RejectedRecord>();
        for (var position = 0; position < decisions.Length; position++)
        {
            var decision = decisions[position];
            if (decision.Accepted)
            {
                accepted.Add(new AcceptedInstruction(
                    $"{input.Request.RunId}-r{input.Round:D4}-{accepted.Count:D3}", decision.Instruction, decision.Similarity.MostSimilar, decision.Similarity.MeanScore, position));
            }
            else
            {
                rejected.Add(new RejectedRecord(decision.Instruction, PipelineStages.InstructionFilter, decision.Reason!, decision.Detail, input.Round)
                {
                    SourceId = SourceOf(input, position),
                });
            }
        }

        return new FilteredInstructions(accepted, rejected);
    }

    private static string? SourceOf(FilterInstructionsInput input, int position) =>
        input.SourceIds is { } ids && position < ids.Count ? ids[position] : null;
}
