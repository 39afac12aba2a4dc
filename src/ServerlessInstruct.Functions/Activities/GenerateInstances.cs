using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// Self-Instruct steps 3 and 4 for one accepted instruction: is it a classification task, then its instances,
/// output-first for classification and input-first otherwise, through the instance filters. Writes nothing.
/// </summary>
public sealed class GenerateInstances(ILlmClient llm) : IPipelineActivity<GenerateInstancesInput, GeneratedTask>
{
    [Function(nameof(GenerateInstances))]
    public Task<GeneratedTask> Run([ActivityTrigger] GenerateInstancesInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<GeneratedTask> RunAsync(GenerateInstancesInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(GenerateInstances), input.Request.RunId, input.Round);
        var options = input.Request.Options;
        var language = LanguageProfile.For(options.Language);
        var style = options.ResponseStyle;
        var instruction = input.Instruction.Instruction;
        var rejected = new List<RejectedRecord>();

        // A batch job's lines are not read from the prompt cache, so they take the shorter prompt.
        var classification = await llm.CompleteAsync(
            SelfInstructPrompts.BuildClassification(instruction, language, style, cached: !options.Batch), options.Model, cancellationToken);
        var usage = classification.Usage;
        if (classification.Finish == LlmFinish.ContentFilter)
        {
            rejected.Add(new RejectedRecord(instruction, PipelineStages.Classification, ParseProblems.ContentFiltered, "the classification prompt was refused", input.Round));
            return new GeneratedTask(input.Instruction, false, [], 0, rejected, usage);
        }

        // An unreadable answer counts as "No", the common case (about 4 in 5 tasks in the paper): the task is kept, and
        // the problem is recorded so the answer can be looked at.
        var answer = ClassificationParser.Parse(classification.Content);
        var kept = answer.IsClassification is null ? "; the task is kept as not a classification task" : string.Empty;
        rejected.AddRange(answer.Problems.Select(p => new RejectedRecord(instruction, PipelineStages.Classification, p.Code, p.Detail + kept, input.Round)));
        var isClassification = answer.IsClassification ?? false;
        var order = isClassification ? InstanceOrder.OutputFirst : InstanceOrder.InputFirst;

        var instances = await llm.CompleteAsync(
            SelfInstructPrompts.BuildInstanceGeneration(instruction, isClassification, language, style), options.Model, cancellationToken);
        usage += instances.Usage;
        var parsed = InstanceParser.Parse(instances.Content, order, instances.Finish.ToParserReason());
        rejected.AddRange(parsed.Problems.Select(p => new RejectedRecord(instruction, PipelineStages.InstanceGeneration, p.Code, p.Detail, input.Round)));

        var filtered = InstanceFilter.Apply(parsed.Items);
        rejected.AddRange(filtered.Rejected.Select(r =>
            new RejectedRecord(instruction, PipelineStages.InstanceFilter, r.Reason, null, input.Round) { Instance = r.Instance }));

        return new GeneratedTask(input.Instruction, isClassification, filtered.Kept, parsed.Items.Count, rejected, usage)
        {
            ContentFilter = ContentFilterFlags.Merge(classification.ContentFilter, instances.ContentFilter),
        };
    }
}
