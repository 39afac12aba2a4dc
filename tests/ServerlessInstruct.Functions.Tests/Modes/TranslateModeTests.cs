using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Tests.Modes;

[Collection(AzuriteCollection.Name)]
public sealed class TranslateModeTests
{
    private static readonly string SourceFile = RepositoryPaths.Sample("alpaca_sample.json");

    [Fact]
    public async Task A_smaller_input_is_translated_whole_and_every_record_ends_as_a_line_or_a_rejection()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var sources = await ModeRun.ReadSourceAsync(SourceFile);

        var run = await ModeRun.RunAsync(harness, SourceFile, new Dictionary<string, string>
        {
            ["mode"] = "translate",
            ["language"] = "ko",
            ["target"] = "100",
        });

        // The input runs out before the target: the run completes with what the input gave.
        Assert.Equal(RunOutcomes.Completed, run.Summary.Outcome);
        Assert.InRange(run.Records.Count, sources.Count / 2, sources.Count - 1);
        Assert.All(run.Records, r =>
        {
            Assert.Equal("translate", r.Source);
            Assert.True(LanguageCheck.IsWrittenIn(r.Instruction, LanguageProfile.Korean), r.Instruction);
            Assert.False(string.IsNullOrWhiteSpace(r.Output));
            Assert.NotNull(r.SourceId);
        });

        // A translation kept its input exactly when the source had one.
        var sourceHasInput = sources.ToDictionary(s => s.Id, s => s.Instances[0].Input.Length > 0);
        Assert.All(run.Records, r => Assert.Equal(sourceHasInput[r.SourceId!], r.Input.Length > 0));

        Assert.Equal(sources.Select(s => s.Id).ToHashSet(), run.AssertEveryTakenSourceRecordEndsOnce(sources));
        Assert.Contains(run.Rejected, r => r.Stage == PipelineStages.Translation && r.SourceId is not null);
        await run.AssertManifestAddsUpAsync(harness);
    }

    [Fact]
    public async Task Plain_text_batches_walk_the_input_in_order_up_to_the_target()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var sources = await ModeRun.ReadSourceAsync(SourceFile);

        var run = await ModeRun.RunAsync(harness, SourceFile, new Dictionary<string, string>
        {
            ["mode"] = "translate",
            ["language"] = "ko",
            ["target"] = "12",
            ["structuredOutput"] = "false",
        });

        Assert.Equal(RunOutcomes.Completed, run.Summary.Outcome);
        Assert.Equal(12, run.Records.Count);
        var taken = run.AssertEveryTakenSourceRecordEndsOnce(sources);

        // The records taken are the first ones of the input, no more than the target needed plus what was rejected.
        Assert.Equal(sources.Take(taken.Count).Select(s => s.Id).ToHashSet(), taken);
        Assert.True(taken.Count < sources.Count, $"took all {taken.Count} input records for 12 records");
        await run.AssertManifestAddsUpAsync(harness);
    }

    [Fact]
    public async Task Self_instruct_seed_tasks_are_refused_with_a_recorded_reason()
    {
        await using var harness = await PipelineHarness.StartAsync();

        var run = await ModeRun.RunAsync(harness, RepositoryPaths.SampleSeedTasks, new Dictionary<string, string>
        {
            ["mode"] = "translate",
            ["language"] = "ko",
        });

        Assert.Equal(RunOutcomes.Failed, run.Summary.Outcome);
        Assert.Contains("not Self-Instruct seed tasks", run.Summary.Error, StringComparison.Ordinal);
        Assert.Empty(run.Records);
        Assert.Equal(PipelineReasons.FormatNotForMode, Assert.Single(run.Rejected).Reason);
        Assert.Equal(0, run.Summary.Totals.Usage.Calls);
    }
}
