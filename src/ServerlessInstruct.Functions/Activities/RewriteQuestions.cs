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
/// KoAlpaca v1.1 for one batch of question/answer records: one call rewrites each into a self-contained instruction
/// and a complete answer grounded in the accepted one. Each record becomes a candidate keeping its source id and url,
/// or a rejection with the reason. Writes nothing.
/// </summary>
public sealed class RewriteQuestions(SeedStore seeds, ILlmClient llm) : IPipelineActivity<SourceBatchInput, GeneratedCandidates>
{
    [Function(nameof(RewriteQuestions))]
    public Task<GeneratedCandidates> Run([ActivityTrigger] SourceBatchInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<GeneratedCandidates> RunAsync(SourceBatchInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(RewriteQuestions), input.Request.RunId, input.Round);
        var request = input.Request;
        var language = LanguageProfile.For(request.Options.Language);
        var sources = SourceRecords.Slice(await seeds.GetSnapshotAsync(request.RunId, cancellationToken), input.Start, input.Count);
        if (sources.Count == 0)
        {
            return GeneratedCandidates.Empty;
        }

        var items = sources.Select(task =>
        {
            var example = SourceRecords.Example(task);
            return new QuestionAnswerItem(task.Instruction, example.Input, example.Output);
        }).ToList();
        var completion = await llm.CompleteAsync(
            QaRewritePrompts.Build(items, language, request.Options.ResponseStyle),
            request.Options.Model,
            cancellationToken);
        var reply = BatchReplyParser.ParseRewrites(completion.Content, completion.Finish.ToParserReason(), items.Count, language);

        return SourceRecords.Candidates(
            input, sources, reply, PipelineStages.QaRewrite, (rewrite, source) => new CandidateTask(rewrite.Instruction, string.Empty, rewrite.Output, source.Id, source.Url), completion.Usage, completion.ContentFilter);
    }
}
