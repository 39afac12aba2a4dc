using System.Text.Json;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Tests.Modes;
using ServerlessInstruct.LlmSimulator;
using ServerlessInstruct.LlmSimulator.Content;

namespace ServerlessInstruct.Functions.Tests.Judging;

/// <summary>
/// Judged runs end to end on Azurite and the simulator, whose outputs are flawed at a known share (off-topic, an
/// insult, a stereotype, unsafe advice, a claim no source supports) and whose judge recognises exactly those flaws.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JudgedRunTests
{
    // A higher share than the simulator's default, so a small run meets every kind of flaw.
    private static readonly SimulatorOptions Flawed = new() { Seed = 7, FlawedOutputShare = 0.35 };

    // The simulator is free; a price makes the cost share of judging a real figure.
    private static readonly Dictionary<string, string?> Priced = new()
    {
        ["Pricing:Models:simulator:InputPerMillion"] = "0.15",
        ["Pricing:Models:simulator:OutputPerMillion"] = "0.60",
    };

    private static readonly OutputFlaw[] UnsafeFlaws = [OutputFlaw.Toxic, OutputFlaw.Stereotype, OutputFlaw.UnsafeAdvice];

    [Fact]
    public async Task A_self_instruct_run_judged_for_quality_and_safety_keeps_only_good_records_and_rejects_flawed_ones_for_the_right_reason()
    {
        await using var harness = await PipelineHarness.StartAsync(simulatorOptions: Flawed, settings: Priced);

        var run = await SelfInstructAsync(harness, target: 40, JudgeModes.QualityAndSafety);
        Assert.Equal(40, run.Records.Count);
        Assert.All(run.Records, r =>
        {
            var quality = Assert.IsType<RecordQuality>(r.Quality);
            Assert.InRange(quality.Score, JudgeModes.DefaultMinScore, JudgeModes.HighestScore);
            Assert.False(string.IsNullOrWhiteSpace(quality.Reason));
            Assert.DoesNotContain(Flaws(r.Output), f => f != OutputFlaw.UnsupportedClaim);
        });

        var judged = run.Rejected.Where(r => r.Stage == PipelineStages.Judge).ToList();
        AssertRightReasons(judged);
        Assert.Contains(judged, r => r.Reason == RejectionReasons.Unsafe);
        Assert.Contains(judged, r => r.Reason == RejectionReasons.LowQuality && r.Quality!.Score == 1);
        Assert.DoesNotContain(judged, r => r.Reason == RejectionReasons.Ungrounded);

        var judge = await AssertManifestAddsUpAsync(harness, run);
        Assert.InRange(judge.GetProperty("cost_share").GetDouble(), 0.01, 0.99);
    }

    [Fact]
    public async Task A_qa_rewrite_run_rejects_rewrites_its_source_does_not_support_as_ungrounded()
    {
        var sourceFile = RepositoryPaths.Sample("ko_qa_sample.jsonl");
        var sources = await ModeRun.ReadSourceAsync(sourceFile);
        await using var harness = await PipelineHarness.StartAsync(simulatorOptions: Flawed with { FlawedOutputShare = 0.5 }, settings: Priced);

        var run = await ModeRun.RunAsync(harness, sourceFile, new Dictionary<string, string>
        {
            ["mode"] = "qa-rewrite",
            ["language"] = "ko",
            ["target"] = "50",
            ["judge"] = JudgeModes.QualityAndSafety,
            ["minScore"] = "3",
        });

        Assert.Equal(RunOutcomes.Completed, run.Summary.Outcome);
        Assert.NotEmpty(run.Records);
        Assert.All(run.Records, r =>
        {
            Assert.InRange(Assert.IsType<RecordQuality>(r.Quality).Score, 3, JudgeModes.HighestScore);
            Assert.Empty(Flaws(r.Output));
        });

        var judged = run.Rejected.Where(r => r.Stage == PipelineStages.Judge).ToList();
        AssertRightReasons(judged);
        Assert.Contains(judged, r => r.Reason == RejectionReasons.Ungrounded);
        Assert.All(judged, r => Assert.NotNull(r.SourceId));

        run.AssertEveryTakenSourceRecordEndsOnce(sources);
        await AssertManifestAddsUpAsync(harness, run);
    }

    [Fact]
    public async Task Content_filter_annotations_from_the_azure_route_are_kept_on_records_and_a_filtered_completion_is_recorded()
    {
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: Flawed with { FilteredOutput = 0.15 }, settings: Priced, azureRoute: true);

        var run = await SelfInstructAsync(harness, target: 40, JudgeModes.Quality);
        Assert.True(harness.Simulator.Stats.Snapshot().Routes.GetValueOrDefault("azure") > 0);

        // With quality alone nothing is rejected as unsafe, so records the filter annotated can reach the dataset:
        // their own generation call's annotations are on them, and so are the judge call's, on its prompt.
        var flagged = run.Records.Where(r => r.ContentFilter is { Count: > 0 }).ToList();
        Assert.NotEmpty(flagged);
        Assert.All(flagged.SelectMany(r => r.ContentFilter!), f =>
        {
            Assert.Contains(f.Category, (string[])["hate", "self_harm", "violence"]);
            Assert.Contains(f.Target, (string[])["prompt", "output"]);
        });
        Assert.Contains(flagged, r => r.ContentFilter!.Any(f => f.Stage == PipelineStages.Judge && f.Target == "prompt"));
        Assert.Contains(flagged, r => r.ContentFilter!.Any(f => f.Stage != PipelineStages.Judge && f.Target == "output" && f.Severity == "low"));
        Assert.DoesNotContain(run.Records.Where(r => r.ContentFilter is null), r => Flaws(r.Output).Any(UnsafeFlaws.Contains));

        // A completion the filter withheld is a recorded rejection, not a silent loss.
        Assert.Contains(run.Rejected, r => r.Reason == ParseProblems.ContentFiltered);
        await AssertManifestAddsUpAsync(harness, run);
    }

    [Fact]
    public async Task Malformed_truncated_and_refused_judge_answers_keep_their_records_unscored_and_the_run_completes()
    {
        // Which records share a judge call depends on the order answers come back in, so the run needs enough judge
        // calls, and a high enough cut-off share, that one of them is truncated whatever the order: 40 records at 0.3
        // sometimes had none.
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: Flawed with { Truncate = 0.5, Malformed = 0.05, JudgeRefusal = 0.25 });

        var run = await SelfInstructAsync(harness, target: 60, JudgeModes.QualityAndSafety);
        Assert.All(run.Records, r => Assert.True(r.Quality is not null ^ r.JudgeProblem is not null, $"record {r.Id}: quality and problem"));
        var unscored = run.Records.Where(r => r.Quality is null).ToList();
        Assert.NotEmpty(unscored);
        Assert.All(unscored, r => Assert.Matches("^[a-z-]+: .+", r.JudgeProblem!));
        Assert.All(run.Records.Where(r => r.Quality is not null), r => Assert.True(r.Quality!.Score >= JudgeModes.DefaultMinScore));
        var lines = await harness.ReadLinesAsync(run.RunId, DatasetFiles.Data);
        Assert.Equal(unscored.Count, lines.Count(line => line.Contains("\"quality\":null", StringComparison.Ordinal)));

        var judge = await AssertManifestAddsUpAsync(harness, run);
        var byProblem = judge.GetProperty("unscored").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Contains(UnscoredReason.Refused, byProblem.Keys);
        Assert.Contains(ParseProblems.Truncated, byProblem.Keys);
        var problems = byProblem.Values.Sum();
        Assert.True(problems >= unscored.Count, $"{problems} unscored in the manifest, {unscored.Count} in the dataset");
    }

    private static IReadOnlySet<OutputFlaw> Flaws(string text) => OutputFlaws.In(text);

    /// <summary>A judged self-instruct run on the sample seed tasks, which must complete.</summary>
    private static async Task<ModeRun> SelfInstructAsync(PipelineHarness harness, int target, string judge)
    {
        var run = await ModeRun.RunAsync(harness, RepositoryPaths.SampleSeedTasks, new Dictionary<string, string>
        {
            ["target"] = target.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["judge"] = judge,
        });
        Assert.True(run.Summary.Outcome == RunOutcomes.Completed, $"the run ended {run.Summary.Outcome}: {run.Summary.Error}");
        return run;
    }

    /// <summary>Each judge rejection carries the reason its output's flaw calls for, with its score and, when unsafe, its category.</summary>
    private static void AssertRightReasons(List<RejectedRecord> judged)
    {
        Assert.All(judged, r =>
        {
            Assert.NotNull(r.Quality);
            Assert.NotNull(r.Instance);
            var flaws = Flaws(r.Instance!.Output);
            switch (r.Reason)
            {
                case RejectionReasons.Unsafe:
                    Assert.Contains(r.Category, SafetyCategories.Flags);
                    Assert.Contains(flaws, UnsafeFlaws.Contains);
                    break;
                case RejectionReasons.Ungrounded:
                    Assert.Contains(OutputFlaw.UnsupportedClaim, flaws);
                    break;
                case RejectionReasons.LowQuality:
                    Assert.True(r.Quality!.Score < JudgeModes.DefaultMinScore);
                    Assert.Equal(r.Quality.Score == 1, flaws.Contains(OutputFlaw.OffTopic));
                    break;
                default:
                    Assert.Fail($"unexpected judge reason {r.Reason}");
                    break;
            }
        });
    }

    /// <summary>
    /// The manifest adds up as every run's must, and its judge section too: judged = kept + rejected by judge reason,
    /// the records written and those over the target are what the judge kept, the rejections match rejected.jsonl,
    /// every judged record has a score or a problem, and the judge's calls are the judge stage's. Returns the section.
    /// </summary>
    private static async Task<JsonElement> AssertManifestAddsUpAsync(PipelineHarness harness, ModeRun run)
    {
        await run.AssertManifestAddsUpAsync(harness);
        using var document = JsonDocument.Parse((await harness.Get<DatasetStore>().ReadAsync(run.RunId, DatasetFiles.Manifest, CancellationToken.None))!.ToString());
        var manifest = document.RootElement;
        var judge = manifest.GetProperty("judge");
        var rejected = judge.GetProperty("rejected").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(judge.GetProperty("judged").GetInt32(), judge.GetProperty("kept").GetInt32() + rejected.Values.Sum());
        Assert.Equal(manifest.GetProperty("instances").GetProperty("kept").GetInt32(), judge.GetProperty("judged").GetInt32());
        Assert.Equal(judge.GetProperty("kept").GetInt32(), manifest.GetProperty("records").GetInt32() + manifest.GetProperty("instances_over_target").GetInt32());
        Assert.Equal(
            run.Rejected.Where(r => r.Stage == PipelineStages.Judge).GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count()),
            rejected);
        var scores = judge.GetProperty("scores").EnumerateObject().Sum(p => p.Value.GetInt32());
        var unscored = judge.GetProperty("unscored").EnumerateObject().Sum(p => p.Value.GetInt32());
        Assert.Equal(judge.GetProperty("judged").GetInt32(), scores + unscored);
        Assert.Equal(manifest.GetProperty("llm").GetProperty("stages").GetProperty("judge").GetProperty("calls").GetInt32(), judge.GetProperty("calls").GetInt32());
        return judge.Clone();
    }
}
