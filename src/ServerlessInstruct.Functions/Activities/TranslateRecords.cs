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
/// KoAlpaca v1.0's first step for one batch of input records: translate their instructions and inputs into the run's
/// language in one call. Each record becomes a candidate carrying its source id, or a rejection saying why its
/// translation cannot be used (left out, cut off, empty, not in the language, input lost). Writes nothing.
/// </summary>
public sealed class TranslateRecords(SeedStore seeds, ILlmClient llm) : IPipelineActivity<SourceBatchInput, GeneratedCandidates>
{
    [Function(nameof(TranslateRecords))]
    public Task<GeneratedCandidates> Run([ActivityTrigger] SourceBatchInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<GeneratedCandidates> RunAsync(SourceBatchInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(TranslateRecords), input.Request.RunId, input.Round);
        var request = input.Request;
        var language = LanguageProfile.For(request.Options.Language);
        var sources = SourceRecords.Slice(await seeds.GetSnapshotAsync(request.RunId, cancellationToken), input.Start, input.Count);
        if (sources.Count == 0)
        {
            return GeneratedCandidates.Empty;
        }

        var items = sources.Select(task => new InstructionItem(task.Instruction, SourceRecords.Example(task).Input)).ToList();
        var completion = await llm.CompleteAsync(
            TranslationPrompts.BuildTranslation(items, language, request.Options.ResponseStyle),
            request.Options.Model,
            cancellationToken);
        var reply = BatchReplyParser.ParseTranslations(completion.Content, completion.Finish.ToParserReason(), items, language);

        return SourceRecords.Candidates(
            input, sources, reply, PipelineStages.Translation, (translated, source) => new CandidateTask(translated.Instruction, translated.Input, Output: null, source.Id, source.Url), completion.Usage, completion.ContentFilter);
    }
}
