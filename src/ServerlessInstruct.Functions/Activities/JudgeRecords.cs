using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// The judging stage for one batch of finished records: one call rates them all on the rubric (and screens them for
/// safety, and checks them against their source in the modes that have one), then each verdict is decided against
/// the run's minimum score. A record the reply gives no usable verdict for comes back with the problem instead, to
/// be kept unscored. Writes nothing.
/// </summary>
public sealed class JudgeRecords(SeedStore seeds, ILlmClient llm) : IPipelineActivity<JudgeRecordsInput, JudgedRecords>
{
    [Function(nameof(JudgeRecords))]
    public Task<JudgedRecords> Run([ActivityTrigger] JudgeRecordsInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<JudgedRecords> RunAsync(JudgeRecordsInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(JudgeRecords), input.Request.RunId, input.Round);
        if (input.Subjects.Count == 0)
        {
            return new JudgedRecords([], LlmUsage.None);
        }

        var options = input.Request.Options;
        var safety = JudgeModes.ScreensSafety(options.Judge);
        var sources = await SourcesAsync(input, cancellationToken);
        var items = input.Subjects
            .Select(s => new JudgeItem(s.Instruction, s.Record.Input, s.Record.Output, SourceOf(s)))
            .ToList();
        var completion = await llm.CompleteAsync(
            JudgePrompts.Build(items, LanguageProfile.For(options.Language), safety, options.ResponseStyle), options.Model, cancellationToken);
        var reply = BatchReplyParser.ParseVerdicts(
            completion.Content, completion.Finish.ToParserReason(), safety, items.ConvertAll(item => item.Source is not null));

        var judged = reply.Items.Select(item =>
        {
            if (item.Value is { } verdict)
            {
                var outcome = JudgeDecision.Decide(verdict, options.MinScore, options.Judge, items[item.Index].Source is not null);
                return new JudgedSubject(input.Subjects[item.Index], outcome, null, null, completion.ContentFilter);
            }

            var (code, detail) = UnscoredReason.For(reply, item, completion.Content);
            return new JudgedSubject(input.Subjects[item.Index], null, code, detail, completion.ContentFilter);
        }).ToList();
        return new JudgedRecords(judged, completion.Usage);

        // An mrc record's input is its passage, the very source its answer must keep to.
        string? SourceOf(JudgeSubject subject) =>
            options.Mode == PipelineMode.Mrc ? subject.Record.Input
            : subject.SourceId is { } id ? sources.GetValueOrDefault(id)
            : null;
    }

    /// <summary>The text each subject's input record gives the judge to ground against, by id; none in modes without a source.</summary>
    private async Task<Dictionary<string, string>> SourcesAsync(JudgeRecordsInput input, CancellationToken cancellationToken)
    {
        var wanted = input.Subjects.Select(s => s.SourceId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (!PipelineModes.GroundsOnSource(input.Request.Options.Mode) || input.Request.Options.Mode == PipelineMode.Mrc || wanted.Count == 0)
        {
            return [];
        }

        var snapshot = await seeds.GetSnapshotAsync(input.Request.RunId, cancellationToken);
        return snapshot
            .Where(task => wanted.Contains(task.Id))
            .DistinctBy(task => task.Id, StringComparer.Ordinal)
            .ToDictionary(task => task.Id, SourceText, StringComparer.Ordinal);
    }

    /// <summary>An input record as a source: its instruction or question, its input or details, its output or accepted answer.</summary>
    private static string SourceText(SeedTask task)
    {
        var example = SourceRecords.Example(task);
        return string.Join("\n", new[] { task.Instruction, example.Input, example.Output }.Where(part => !string.IsNullOrWhiteSpace(part)));
    }
}
