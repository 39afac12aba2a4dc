using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// KoAlpaca v1.0's second step for one batch of accepted, translated instructions: a fresh output for each, written in
/// the run's language, then the instance filters. An instruction the reply does not answer is rejected with the
/// reason. Writes nothing.
/// </summary>
public sealed class AnswerInstructions(ILlmClient llm) : IPipelineActivity<AnswerInstructionsInput, CompletedTasks>
{
    [Function(nameof(AnswerInstructions))]
    public Task<CompletedTasks> Run([ActivityTrigger] AnswerInstructionsInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<CompletedTasks> RunAsync(AnswerInstructionsInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(AnswerInstructions), input.Request.RunId, input.Round);
        if (input.Tasks.Count == 0)
        {
            return new CompletedTasks([], [], LlmUsage.None);
        }

        var options = input.Request.Options;
        var language = LanguageProfile.For(options.Language);
        var items = input.Tasks.Select(t => new InstructionItem(t.Instruction.Instruction, t.Candidate.Input)).ToList();
        var completion = await llm.CompleteAsync(
            TranslationPrompts.BuildAnswers(items, language, options.ResponseStyle),
            options.Model,
            cancellationToken);
        var reply = BatchReplyParser.ParseAnswers(completion.Content, completion.Finish.ToParserReason(), items.Count);

        var rejected = reply.Problems
            .Select(p => new RejectedRecord($"answers to {items.Count} instruction(s)", PipelineStages.Answer, p.Code, p.Detail, input.Round))
            .ToList();
        var tasks = new List<GeneratedTask>();
        foreach (var item in reply.Items)
        {
            var pending = input.Tasks[item.Index];
            if (item.Value is { } output)
            {
                var task = RoundTasks.Complete(pending.Instruction, pending.Candidate, output, input.Round);
                tasks.Add(task with { ContentFilter = ContentFilterFlags.Merge(task.ContentFilter, completion.ContentFilter) });
            }
            else
            {
                rejected.Add(new RejectedRecord(pending.Instruction.Instruction, PipelineStages.Answer, item.Reason!, item.Detail, input.Round) { SourceId = pending.Candidate.SourceId });
            }
        }

        return new CompletedTasks(tasks, rejected, completion.Usage);
    }
}
