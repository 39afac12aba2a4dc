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
/// One Alpaca task-list call: 3 seed tasks sampled for this round and slot, and the model continues the list with a
/// batch of complete tasks (20, or 10 in Korean). A cut-off reply loses only its last task. Writes nothing.
/// </summary>
public sealed class GenerateAlpacaTasks(SeedStore seeds, ILlmClient llm) : IPipelineActivity<GenerateTasksInput, GeneratedCandidates>
{
    [Function(nameof(GenerateAlpacaTasks))]
    public Task<GeneratedCandidates> Run([ActivityTrigger] GenerateTasksInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<GeneratedCandidates> RunAsync(GenerateTasksInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(GenerateAlpacaTasks), input.Request.RunId, input.Round);
        var request = input.Request;
        var language = LanguageProfile.For(request.Options.Language);
        var seedTasks = await seeds.GetSnapshotAsync(request.RunId, cancellationToken);
        var examples = TaskExampleSampler.Pick(seedTasks, AlpacaPrompts.ExampleCount, ActivitySeeds.For(request.RunId, input.Round, input.Slot));
        var prompt = AlpacaPrompts.BuildTaskGeneration(examples, language, request.Options.ResponseStyle);

        var completion = await llm.CompleteAsync(prompt, request.Options.Model, cancellationToken);
        var parsed = TaskListParser.Parse(
            completion.Content, completion.Finish.ToParserReason(), AlpacaPrompts.FirstNewNumber(examples.Count), language.AlpacaBatchSize);

        var where = $"round {input.Round} prompt {input.Slot}";
        return new GeneratedCandidates(
            parsed.Items.Select(task => new CandidateTask(task.Instruction, task.Input, task.Output) { ContentFilter = ContentFilterFlags.Merge(completion.ContentFilter) }).ToList(),
            parsed.Problems.Select(p => new RejectedRecord(where, PipelineStages.TaskGeneration, p.Code, p.Detail, input.Round)).ToList(),
            completion.Usage);
    }
}
