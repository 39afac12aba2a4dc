using System.Globalization;
using System.Text.Json;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Tests.Modes;
using ServerlessInstruct.LlmSimulator;

namespace ServerlessInstruct.Functions.Tests.Batches;

/// <summary>
/// Batch runs end to end on Azurite and the simulator's Batch API: every LLM call goes out in a batch job, waited for
/// with durable timers, and failed lines, expired and failed jobs and a cancel end as the run's options say.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BatchRunTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // Priced as gpt-4o-mini, so cost per record compares; read a batch job's status every second.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Pricing:Models:simulator:InputPerMillion"] = "0.15",
        ["Pricing:Models:simulator:CachedInputPerMillion"] = "0.075",
        ["Pricing:Models:simulator:OutputPerMillion"] = "0.60",
        ["Pipeline:BatchPollInterval"] = "00:00:01",
    };

    private static readonly SimulatorOptions Fast = new() { Seed = 11, BatchCompletionDelay = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task A_batch_run_sends_every_call_in_batch_jobs_at_half_price_and_costs_well_under_a_standard_run_per_record()
    {
        await using var harness = await PipelineHarness.StartAsync(simulatorOptions: Fast, settings: Settings);

        // Large enough that the batch run's pilot wave and the standard run's end margin weigh little.
        var standard = await SelfInstructAsync(harness, batch: false, target: 200, judge: JudgeModes.None);
        var createdBefore = harness.Simulator.Stats.Snapshot().BatchesCreated;
        var batched = await SelfInstructAsync(harness, batch: true, target: 200, judge: JudgeModes.None);
        var created = harness.Simulator.Stats.Snapshot().BatchesCreated - createdBefore;

        Assert.False((await ManifestAsync(harness, standard)).TryGetProperty("batch", out var none) && none.ValueKind != JsonValueKind.Null);
        var manifest = await ManifestAsync(harness, batched);
        var batch = manifest.GetProperty("batch");
        var calls = manifest.GetProperty("llm").GetProperty("calls").GetInt32();

        // One job per stage wave at least (generation, classification, instances), each created once.
        Assert.InRange(batch.GetProperty("jobs").GetInt32(), 3, 40);
        Assert.Equal(created, batch.GetProperty("jobs").GetInt32());
        Assert.Equal(calls, batch.GetProperty("answered").GetInt32());
        Assert.Equal(batch.GetProperty("lines").GetInt32(), calls);

        // Every batch token is billed at half the standard price, and no batch line is read from the prompt cache...
        var llm = manifest.GetProperty("llm");
        Assert.Equal(llm.GetProperty("cost_usd").GetDecimal(), llm.GetProperty("batch_saved_usd").GetDecimal());
        Assert.Equal(0, llm.GetProperty("cached_prompt_tokens").GetInt64());

        // ...so its classification prompt leaves out the padding that only makes the standard run's prompt cacheable.
        var standardManifest = await ManifestAsync(harness, standard);
        Assert.True(
            PromptTokensPerCall(manifest, "classification") < 0.75 * PromptTokensPerCall(standardManifest, "classification"),
            "a batch run's classification prompt is as long as the cacheable one");

        // A run of 200 records costs well under the standard run's: measured 0.54 to 0.62 of it here, where the standard
        // run reads its classification prompts from the cache (docs/throughput.md#batch-runs has the figures).
        var ratio = CostPer1000(manifest) / CostPer1000(standardManifest);
        output.WriteLine($"cost per 1,000 records: batch {CostPer1000(manifest)}, standard {CostPer1000(standardManifest)}, ratio {ratio:0.000}");
        Assert.InRange(ratio, 0.3m, 0.7m);
    }

    private static double PromptTokensPerCall(JsonElement manifest, string stage)
    {
        var usage = manifest.GetProperty("llm").GetProperty("stages").GetProperty(stage);
        return usage.GetProperty("prompt_tokens").GetDouble() / usage.GetProperty("calls").GetInt32();
    }

    [Fact]
    public async Task Failed_and_expired_lines_of_a_judged_run_go_into_later_batches_and_every_line_is_accounted_for()
    {
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: Fast with { BatchLineFailure = 0.3, BatchExpiry = 0.25 }, settings: Settings);

        var run = await SelfInstructAsync(harness, batch: true, target: 25, judge: JudgeModes.Quality);
        Assert.All(run.Records, r => Assert.True(r.Quality is not null || r.JudgeProblem is not null, $"record {r.Id} was not judged"));

        var batch = (await ManifestAsync(harness, run)).GetProperty("batch");
        Assert.True(batch.GetProperty("failed_lines").GetInt32() > 0);
        Assert.Equal(
            batch.GetProperty("lines").GetInt32(),
            batch.GetProperty("answered").GetInt32() + batch.GetProperty("failed_lines").GetInt32() + batch.GetProperty("requeued").GetInt32());
        Assert.Equal(harness.Simulator.Stats.Snapshot().BatchesCreated, batch.GetProperty("jobs").GetInt32());

        // A line that failed every attempt is a recorded rejection with the service's last error, never a silent gap.
        Assert.All(run.Rejected.Where(r => r.Reason == BatchReasons.LineFailed), r => Assert.Contains("failed 3 times", r.Detail, StringComparison.Ordinal));
        await run.AssertManifestAddsUpAsync(harness);
    }

    [Fact]
    public async Task A_batch_job_that_keeps_failing_ends_the_run_failed_with_the_service_reason_and_a_manifest()
    {
        await using var harness = await PipelineHarness.StartAsync(simulatorOptions: Fast with { BatchFailure = 1.0 }, settings: Settings);

        var seed = await harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);
        var started = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "20", ["batch"] = "true" });
        var (_, summary) = await harness.WaitAsync(started.RunId, ModeRun.Timeout);

        Assert.Equal(RunOutcomes.Failed, summary.Outcome);
        Assert.Contains($"failed as a whole {PipelinePlan.MaxBatchFailures} times", summary.Error, StringComparison.Ordinal);
        Assert.Equal(PipelinePlan.MaxBatchFailures, harness.Simulator.Stats.Snapshot().BatchesCreated);
        var manifest = await ManifestAsync(harness, started.RunId);
        Assert.Equal(RunOutcomes.Failed, manifest.GetProperty("outcome").GetString());
        Assert.Equal(PipelinePlan.MaxBatchFailures, manifest.GetProperty("batch").GetProperty("failed_jobs").GetInt32());
    }

    [Fact]
    public async Task Cancelling_a_run_while_it_waits_for_a_batch_cancels_the_batch_and_writes_the_manifest()
    {
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: Fast with { BatchCompletionDelay = TimeSpan.FromMinutes(5) }, settings: Settings);

        var seed = await harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);
        var started = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "20", ["batch"] = "true" });
        using (var waiting = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while ((await harness.Client.GetInstanceAsync(started.RunId, getInputsAndOutputs: true, waiting.Token))?.ReadCustomStatusAs<RunProgress>() is not { State: "waiting-for-batch", Batch: not null })
            {
                await Task.Delay(200, waiting.Token);
            }
        }

        await harness.Client.RaiseEventAsync(started.RunId, PipelineOrchestrator.CancelEvent, "test");
        var (_, summary) = await harness.WaitAsync(started.RunId, ModeRun.Timeout);

        Assert.Equal(RunOutcomes.Cancelled, summary.Outcome);
        var stats = harness.Simulator.Stats.Snapshot();
        Assert.Equal(1, stats.BatchesCreated);
        Assert.Equal(1, stats.BatchesCancelled);
        Assert.Equal(RunOutcomes.Cancelled, (await ManifestAsync(harness, started.RunId)).GetProperty("outcome").GetString());

        // The calls the cancelled batch held are recorded as not answered, not as failed lines to send again.
        var rejected = await harness.ReadLinesAsync(started.RunId, DatasetFiles.Rejected);
        Assert.Contains(rejected, line => line.Contains(BatchReasons.NotSent, StringComparison.Ordinal));
        Assert.DoesNotContain(rejected, line => line.Contains(BatchReasons.LineFailed, StringComparison.Ordinal));
    }

    private static async Task<ModeRun> SelfInstructAsync(PipelineHarness harness, bool batch, int target = 30, string judge = JudgeModes.Quality)
    {
        var run = await ModeRun.RunAsync(harness, RepositoryPaths.SampleSeedTasks, new Dictionary<string, string>
        {
            ["target"] = target.ToString(CultureInfo.InvariantCulture),
            ["judge"] = judge,
            ["batch"] = batch ? "true" : "false",
        });
        Assert.True(run.Summary.Outcome == RunOutcomes.Completed, $"the run ended {run.Summary.Outcome}: {run.Summary.Error}");
        Assert.Equal(target, run.Records.Count);
        Assert.Equal(run.Records.Count, run.Records.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        return run;
    }

    private static decimal CostPer1000(JsonElement manifest) => manifest.GetProperty("llm").GetProperty("cost_per_1000_records_usd").GetDecimal();

    private static Task<JsonElement> ManifestAsync(PipelineHarness harness, ModeRun run) => ManifestAsync(harness, run.RunId);

    private static async Task<JsonElement> ManifestAsync(PipelineHarness harness, string runId)
    {
        var content = await harness.Get<DatasetStore>().ReadAsync(runId, DatasetFiles.Manifest, CancellationToken.None);
        Assert.NotNull(content);
        return JsonDocument.Parse(content.ToString()).RootElement.Clone();
    }
}
