using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Languages;
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
public sealed class FilterInstructions(InstructionPoolCache pool, InstructionPoolTable table)
    : IPipelineActivity<FilterInstructionsInput, FilteredInstructions>
{
    private const int ProvenanceCount = 10;

    [Function(nameof(FilterInstructions))]
    public Task<FilteredInstructions> Run([ActivityTrigger] FilterInstructionsInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<FilteredInstructions> RunAsync(FilterInstructionsInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(FilterInstructions), input.Request.RunId, input.Round);
        var options = input.Request.Options;
        var language = LanguageProfile.For(options.Language);
        var filter = new InstructionFilter(language, PipelineModes.BlacklistFor(options.Mode));

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
                    rejected.Add(new RejectedRecord(candidate, PipelineStages.InstructionFilter, decision.Reason!, decision.Detail, input.Round) { SourceId = SourceOf(position) });
                }
                else if (view.Accepted.Count == before)
                {
                    // Scored no tokens, so ROUGE-L could not see that the very same text is in the pool.
                    rejected.Add(new RejectedRecord(candidate, PipelineStages.InstructionFilter, RejectionReasons.NearDuplicate, "identical to a pool instruction", input.Round) { SourceId = SourceOf(position) });
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

        string? SourceOf(int position) => input.SourceIds is { } ids && position < ids.Count ? ids[position] : null;
    }
}
