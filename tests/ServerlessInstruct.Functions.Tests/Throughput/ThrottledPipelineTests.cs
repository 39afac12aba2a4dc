using System.Text.Json;
using System.Xml.Linq;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.LlmSimulator;
using ServerlessInstruct.LlmSimulator.Stats;

namespace ServerlessInstruct.Functions.Tests.Throughput;

/// <summary>Throttling and money on the real pipeline: Azurite, the Durable engine running the Functions code, the simulator.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ThrottledPipelineTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string SeedFile = RepositoryPaths.SampleSeedTasks;

    [Fact]
    public async Task A_long_run_of_429s_is_waited_out_inside_one_call()
    {
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: new SimulatorOptions { Seed = 3, RetryAfter = TimeSpan.FromMilliseconds(20) },
            settings: new Dictionary<string, string?> { ["Llm:MaxRetries"] = "0" });
        harness.Simulator.InjectFaults(Enumerable.Repeat(SimulatedFault.TooManyRequests, 25));

        var completion = await harness.Get<ILlmClient>().CompleteAsync(
            SelfInstructPrompts.BuildClassification("Is this sentence in the past tense?", LanguageProfile.English), "simulator", CancellationToken.None);

        Assert.Equal(LlmFinish.Stop, completion.Finish);
        Assert.Equal(1, completion.Usage.Calls);
        Assert.Equal(25, completion.Usage.Throttled);
        Assert.True(completion.Usage.CallSeconds > 0);
        var stats = harness.Simulator.Stats.Snapshot();
        Assert.Equal(25, stats[RequestOutcome.TooManyRequests]);
        Assert.Equal(26, stats.Requests);
    }

    [Fact]
    public async Task A_burst_of_429s_that_would_exhaust_every_activity_retry_fails_no_activity()
    {
        // Four instruction prompts go out at once; 60 queued 429s are more than their 4 x 5 Durable attempts of three
        // requests each could absorb, so only pausing and resending inside the call gets them through.
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: new SimulatorOptions { Seed = 5, RetryAfter = TimeSpan.FromMilliseconds(10) });
        harness.Simulator.InjectFaults(Enumerable.Repeat(SimulatedFault.TooManyRequests, 60));
        var seed = await harness.UploadSeedAsync(SeedFile);

        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "10" });
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);

        Assert.Equal(RunOutcomes.Completed, summary.Outcome);
        Assert.Equal(10, summary.Totals.Records);
        Assert.DoesNotContain(summary.Totals.Rejected.Keys, key => key.EndsWith("/" + PipelineReasons.ActivityFailed, StringComparison.Ordinal));
        var stats = harness.Simulator.Stats.Snapshot();
        Assert.Equal(60, stats[RequestOutcome.TooManyRequests]);

        // Every answered call is in the totals once: no activity ran again and paid twice.
        Assert.Equal(stats[RequestOutcome.Ok] + stats[RequestOutcome.Truncated], summary.Totals.Usage.Calls);
    }

    [Fact]
    public async Task A_budget_stops_the_run_within_the_calls_in_flight_with_everything_kept_written_and_priced()
    {
        // About three rounds' worth of the harness's calls at gpt-4o-mini prices, so the first calls never spend it all.
        const decimal Budget = 0.025m;
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: new SimulatorOptions { Seed = 11, ModelName = "gpt-4o-mini-2024-07-18" });
        var seed = await harness.UploadSeedAsync(SeedFile);

        var run = await harness.StartAsync(seed, new Dictionary<string, string>
        {
            ["target"] = "5000",
            ["budgetUsd"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);

        Assert.Equal(RunOutcomes.BudgetExhausted, summary.Outcome);
        var spent = summary.Totals.Usage.CostUsd;
        Assert.True(spent >= Budget, $"stopped at {spent} before the budget");

        // Once the answered calls have spent the budget no call starts: beyond it are only the harness's 4 activities
        // in flight (2 calls each at most), each call costing at most twice its stage's mean.
        var costliestCall = summary.Totals.Usage.Stages.Values.Max(s => s.CostUsd / s.Calls);
        var overshoot = spent - Budget;
        Assert.True(overshoot <= 4 * 2 * 2 * costliestCall, $"${overshoot:0.######} over the budget; a call costs at most about ${costliestCall:0.######}");
        output.WriteLine($"budget ${Budget}: stopped after {summary.Rounds} rounds at ${spent:0.######} (${overshoot:0.######} over); {summary.Totals.Records} records");

        // gpt-4o-mini list price: $0.15 in, $0.075 cached in and $0.60 out per million tokens, found by the dated model name's prefix.
        var usage = summary.Totals.Usage;
        Assert.Equal((((usage.PromptTokens - usage.CachedPromptTokens) * 0.15m) + (usage.CachedPromptTokens * 0.075m) + (usage.CompletionTokens * 0.60m)) / 1_000_000m, spent);
        Assert.Equal(usage.Calls, usage.Stages.Values.Sum(s => s.Calls));
        Assert.Equal(spent, usage.Stages.Values.Sum(s => s.CostUsd));

        var records = await harness.ReadLinesAsync(run.RunId, DatasetFiles.Data);
        Assert.Equal(summary.Totals.Records, records.Count);
        Assert.All(records, line => Assert.False(string.IsNullOrWhiteSpace(JsonSerializer.Deserialize(line, RecordJsonContext.Output.DatasetRecord)!.Output)));

        var store = harness.Get<DatasetStore>();
        using var manifest = JsonDocument.Parse((await store.ReadAsync(run.RunId, DatasetFiles.Manifest, CancellationToken.None))!.ToString());
        var llm = manifest.RootElement.GetProperty("llm");
        Assert.Equal(RunOutcomes.BudgetExhausted, manifest.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(spent, llm.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(0.15m, llm.GetProperty("models").GetProperty("gpt-4o-mini-2024-07-18").GetProperty("input_usd_per_million").GetDecimal());
        Assert.Equal(0, llm.GetProperty("unpriced_models").GetArrayLength());

        var report = XDocument.Parse((await store.ReadAsync(run.RunId, DatasetFiles.Report, CancellationToken.None))!.ToString());
        Assert.Contains(RunOutcomes.BudgetExhausted, report.Root!.Value, StringComparison.Ordinal);
        Assert.Contains("The run stopped at its budget", report.Root.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standard_run_reads_the_classification_prefix_from_the_prompt_cache_and_costs_less_than_at_full_price()
    {
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: new SimulatorOptions { Seed = 17, ModelName = "gpt-4o-mini-2024-07-18" });
        var seed = await harness.UploadSeedAsync(SeedFile);

        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "40" });
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);

        Assert.Equal(RunOutcomes.Completed, summary.Outcome);
        var usage = summary.Totals.Usage;
        var classification = usage.Stages[PromptNames.Classification];
        // Every classification call after the first few in flight finds the examples cached: at least 1,024 tokens each.
        Assert.True(classification.CachedPromptTokens >= PromptCacheMinimum * (classification.Calls / 2),
            $"{classification.CachedPromptTokens} cached tokens over {classification.Calls} classification calls");
        Assert.Equal(0, classification.CachedPromptTokens % 128);
        Assert.Equal(usage.CachedPromptTokens, harness.Simulator.Stats.Snapshot().CachedTokens);

        var fullPrice = ((usage.PromptTokens * 0.15m) + (usage.CompletionTokens * 0.60m)) / 1_000_000m;
        Assert.Equal(fullPrice, usage.CostUsd + usage.CacheSavedUsd);
        Assert.Equal(usage.CachedPromptTokens * 0.075m / 1_000_000m, usage.CacheSavedUsd);
        Assert.True(usage.CostUsd < fullPrice);

        using var manifest = JsonDocument.Parse((await harness.Get<DatasetStore>().ReadAsync(run.RunId, DatasetFiles.Manifest, CancellationToken.None))!.ToString());
        var llm = manifest.RootElement.GetProperty("llm");
        var records = manifest.RootElement.GetProperty("records").GetInt32();
        Assert.Equal(usage.CachedPromptTokens, llm.GetProperty("cached_prompt_tokens").GetInt64());
        Assert.Equal(usage.CacheSavedUsd, llm.GetProperty("cache_saved_usd").GetDecimal());
        Assert.Equal(Math.Round(usage.CostUsd * 1_000m / records, 6, MidpointRounding.AwayFromZero), llm.GetProperty("cost_per_1000_records_usd").GetDecimal());
        var stage = llm.GetProperty("stages").GetProperty(PromptNames.Classification);
        Assert.Equal(classification.CachedPromptTokens, stage.GetProperty("cached_prompt_tokens").GetInt64());
        Assert.Equal(Math.Round(classification.CostUsd * 1_000m / records, 6, MidpointRounding.AwayFromZero), stage.GetProperty("cost_per_1000_records_usd").GetDecimal());
        Assert.Equal(0.075m, llm.GetProperty("models").GetProperty("gpt-4o-mini-2024-07-18").GetProperty("cached_input_usd_per_million").GetDecimal());
        output.WriteLine($"{records} records: {usage.CachedPromptTokens} of {usage.PromptTokens} prompt tokens cached; ${usage.CostUsd:0.######} "
            + $"(${fullPrice:0.######} at full price), ${llm.GetProperty("cost_per_1000_records_usd").GetDecimal():0.######} per 1,000 records");
    }

    private const int PromptCacheMinimum = 1_024;

    [Fact]
    public async Task A_model_without_a_price_costs_nothing_and_the_manifest_says_so()
    {
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: new SimulatorOptions { Seed = 13, ModelName = "my-finetuned-model" });
        var seed = await harness.UploadSeedAsync(SeedFile);

        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "3", ["budgetUsd"] = "0.001" });
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);

        Assert.Equal(RunOutcomes.Completed, summary.Outcome);
        Assert.Equal(0m, summary.Totals.Usage.CostUsd);
        using var manifest = JsonDocument.Parse((await harness.Get<DatasetStore>().ReadAsync(run.RunId, DatasetFiles.Manifest, CancellationToken.None))!.ToString());
        Assert.Equal(["my-finetuned-model"], manifest.RootElement.GetProperty("llm").GetProperty("unpriced_models").EnumerateArray().Select(e => e.GetString()));
    }
}
