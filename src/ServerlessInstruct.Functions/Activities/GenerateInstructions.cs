using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// One instruction-generation prompt (Self-Instruct step 1): 8 in-context instructions, 2 from the machine pool
/// and 6 from the seeds, and the model continues the list. Writes nothing, so a retry only costs the LLM call.
/// </summary>
public sealed class GenerateInstructions(SeedStore seeds, InstructionPoolCache pool, ILlmClient llm)
    : IPipelineActivity<GenerateInstructionsInput, GeneratedCandidates>
{
    [Function(nameof(GenerateInstructions))]
    public Task<GeneratedCandidates> Run([ActivityTrigger] GenerateInstructionsInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<GeneratedCandidates> RunAsync(GenerateInstructionsInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(GenerateInstructions), input.Request.RunId, input.Round);
        var request = input.Request;
        var language = LanguageProfile.For(request.Options.Language);
        var seedTasks = await seeds.GetSnapshotAsync(request.RunId, cancellationToken);
        var machine = await pool.MachineInstructionsAsync(
            PoolKeys.For(request.Options, language), input.MachineInstructions, cancellationToken);

        var examples = InstructionExampleSampler.Pick(
            seedTasks.Select(t => t.Instruction).ToList(), machine, ActivitySeeds.For(request.RunId, input.Round, input.Slot));
        var prompt = SelfInstructPrompts.BuildInstructionGeneration(
            examples, language, request.Options.ResponseStyle);

        var completion = await llm.CompleteAsync(prompt, request.Options.Model, cancellationToken);
        var parsed = InstructionListParser.Parse(
            completion.Content,
            completion.Finish.ToParserReason(),
            TruncationPolicy.DiscardResponse,
            SelfInstructPrompts.MaxNewInstructions(examples.Count),
            examples.Count + 1);

        var where = $"round {input.Round} prompt {input.Slot}";
        return new GeneratedCandidates(
            parsed.Items.Select(instruction => new CandidateTask(instruction)).ToList(),
            parsed.Problems.Select(p => new RejectedRecord(where, PipelineStages.InstructionGeneration, p.Code, p.Detail, input.Round)).ToList(),
            completion.Usage);
    }
}
