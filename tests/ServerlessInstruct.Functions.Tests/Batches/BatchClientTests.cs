using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Llm.Pricing;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.LlmSimulator;

namespace ServerlessInstruct.Functions.Tests.Batches;

/// <summary>The typed batch client against the simulator's Files and Batches APIs, on both routes; the clock is moved by hand.</summary>
public sealed class BatchClientTests
{
    private const string Model = "gpt-4o-mini";
    private static readonly TimeSpan Delay = TimeSpan.FromMinutes(30);
    private static readonly LanguageProfile English = LanguageProfile.For(Language.En);

    private static readonly BatchCall[] Calls =
    [
        new("round-1/classification/0", SelfInstructPrompts.BuildClassification("Is the number even?", English)),
        new("round-1/classification/1", SelfInstructPrompts.BuildClassification("Write a poem about rain.", English)),
        new("round-1/instances/0", SelfInstructPrompts.BuildInstanceGeneration("Name the capital of the given country.", false, English)),
        new("round-1/instances/1", SelfInstructPrompts.BuildInstanceGeneration("Is the review positive or negative?", true, English, ResponseStyle.Json)),
        new("round-1/generation/0", SelfInstructPrompts.BuildInstructionGeneration(["Name a color.", "Add two numbers."], English)),
    ];

    [Theory]
    [InlineData("azure")]
    [InlineData("openai")]
    public async Task A_batch_goes_from_validating_to_completed_and_every_answer_finds_its_call_by_custom_id_at_half_price(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var simulator = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 4, BatchCompletionDelay = Delay }, timeProvider: clock);
        var (client, prices) = Client(simulator, provider, clock);

        var submitted = await client.SubmitAsync(Calls, Model, CancellationToken.None);
        clock.Advance(Delay / 5);
        var running = await client.GetAsync(submitted.Id, CancellationToken.None);
        clock.Advance(Delay);
        var done = await client.GetAsync(submitted.Id, CancellationToken.None);
        // The results are asked for in another order than the file's: they follow the calls given, matched by custom_id.
        var calls = Calls.Reverse().ToList();
        var results = await client.ReadResultsAsync(done, calls, Model, CancellationToken.None);

        Assert.Equal(BatchStatus.Validating, submitted.Status);
        Assert.Equal(BatchStatus.InProgress, running.Status);
        Assert.False(running.IsFinished);
        Assert.Equal(BatchStatus.Completed, done.Status);
        Assert.Equal(new BatchRequestCounts(5, 5, 0), done.Counts);
        Assert.Null(done.ErrorFileId);
        Assert.Equal(calls.Select(c => c.CustomId), results.Select(r => r.CustomId));
        var price = prices.Find(Model)!;
        foreach (var (call, result) in calls.Zip(results))
        {
            Assert.Null(result.Error);
            var completion = result.Completion!;
            Assert.False(string.IsNullOrWhiteSpace(completion.Content));
            Assert.Equal([call.Prompt.Name.Split('/')[0]], completion.Usage.Stages.Keys);
            var usage = completion.Usage;
            Assert.Equal(price.Cost(usage.PromptTokens, usage.CachedPromptTokens, usage.CompletionTokens) / 2, usage.CostUsd);
            Assert.True(usage.CostUsd > 0);
        }

        Assert.Contains(results[^1].Completion!.Content, new[] { "Yes", "No" });
        Assert.True(JsonDocument.Parse(results[1].Completion!.Content).RootElement.TryGetProperty("instances", out _));
        var stats = simulator.Stats.Snapshot();
        Assert.Equal((1, 1), (stats.FilesUploaded, stats.BatchesCreated));
    }

    [Fact]
    public async Task Lines_that_fail_come_back_from_the_error_file_with_their_reason()
    {
        var (job, results) = await RunToEndAsync(new SimulatorOptions { BatchCompletionDelay = Delay, BatchLineFailure = 1 }, "azure", Delay);

        Assert.Equal(BatchStatus.Completed, job.Status);
        Assert.Equal(new BatchRequestCounts(5, 0, 5), job.Counts);
        Assert.NotNull(job.ErrorFileId);
        Assert.All(results, r =>
        {
            Assert.Null(r.Completion);
            Assert.StartsWith("http-500: ", r.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_expired_batch_returns_every_line_as_expired()
    {
        var (job, results) = await RunToEndAsync(new SimulatorOptions { BatchCompletionDelay = Delay, BatchExpiry = 1 }, "openai", Delay);

        Assert.Equal(BatchStatus.Expired, job.Status);
        Assert.True(job.IsFinished);
        Assert.All(results, r => Assert.StartsWith("batch_expired: ", r.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_that_fails_as_a_whole_says_why_and_leaves_every_call_unanswered()
    {
        var (job, results) = await RunToEndAsync(new SimulatorOptions { BatchCompletionDelay = Delay, BatchFailure = 1 }, "azure", Delay / 5);

        Assert.Equal(BatchStatus.Failed, job.Status);
        Assert.Contains(job.Errors, e => e.StartsWith("server_error: ", StringComparison.Ordinal));
        Assert.Null(job.OutputFileId);
        Assert.All(results, r => Assert.Equal("not answered: the batch ended failed", r.Error));
    }

    [Fact]
    public async Task A_cancelled_batch_is_cancelling_then_cancelled_and_answers_nothing()
    {
        var clock = new FakeTimeProvider();
        await using var simulator = await LlmSimulatorServer.StartAsync(new SimulatorOptions { BatchCompletionDelay = Delay }, timeProvider: clock);
        var (client, _) = Client(simulator, "openai", clock);

        var job = await client.SubmitAsync(Calls, Model, CancellationToken.None);
        var cancelling = await client.CancelAsync(job.Id, CancellationToken.None);
        clock.Advance(Delay);
        var cancelled = await client.GetAsync(job.Id, CancellationToken.None);
        var results = await client.ReadResultsAsync(cancelled, Calls, Model, CancellationToken.None);

        Assert.Equal(BatchStatus.Cancelling, cancelling.Status);
        Assert.Equal(BatchStatus.Cancelled, cancelled.Status);
        Assert.All(results, r => Assert.StartsWith("batch_cancelled: ", r.Error, StringComparison.Ordinal));
        Assert.Equal(1, simulator.Stats.Snapshot().BatchesCancelled);
    }

    [Fact]
    public async Task An_unknown_batch_is_a_refusal_not_a_retry()
    {
        await using var simulator = await LlmSimulatorServer.StartAsync(new SimulatorOptions());
        var (client, _) = Client(simulator, "azure", TimeProvider.System);

        var error = await Assert.ThrowsAsync<LlmRefusedException>(() => client.GetAsync("batch-missing", CancellationToken.None));

        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_lines_carry_the_custom_id_the_endpoint_and_the_request_and_refuse_a_custom_id_used_twice()
    {
        var lines = System.Text.Encoding.UTF8.GetString(BatchRequestLines.Write(Calls, Model, "/chat/completions")).TrimEnd('\n').Split('\n');

        Assert.Equal(Calls.Length, lines.Length);
        using var json = JsonDocument.Parse(lines[3]);
        var line = json.RootElement;
        Assert.Equal("round-1/instances/1", line.GetProperty("custom_id").GetString());
        Assert.Equal(("POST", "/chat/completions"), (line.GetProperty("method").GetString(), line.GetProperty("url").GetString()));
        var body = line.GetProperty("body");
        Assert.Equal(Model, body.GetProperty("model").GetString());
        Assert.Equal(Calls[3].Prompt.User, body.GetProperty("messages")[1].GetProperty("content").GetString());
        Assert.Equal(Calls[3].Prompt.Sampling.MaxTokens, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(Calls[3].Prompt.Output!.SchemaName, body.GetProperty("response_format").GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Throws<ArgumentException>(() => BatchRequestLines.Write([Calls[0], Calls[0] with { Prompt = Calls[1].Prompt }], Model, "/chat/completions"));
    }

    [Fact]
    public void Batch_prices_are_half_unless_a_discount_is_configured()
    {
        var prices = Prices(new Dictionary<string, string?> { ["Pricing:Models:gpt-4o:BatchDiscount"] = "0.4" });

        Assert.Equal(0.5m, prices.Find("gpt-4o-mini")!.BatchFactor);
        Assert.Equal(0.6m, prices.Find("gpt-4o-2024-11-20")!.BatchFactor);
    }

    [Fact]
    public void Batch_prices_set_for_a_model_win_over_its_discount_and_the_others_take_the_discount()
    {
        var prices = Prices(new Dictionary<string, string?>
        {
            ["Pricing:Models:gpt-4.1-mini:BatchInputPerMillion"] = "0.21",
            ["Pricing:Models:gpt-4.1-mini:BatchDiscount"] = "0.25",
        });

        var batch = prices.Find("gpt-4.1-mini-2025-04-14")!.Batch();

        // Input 0.21 as set; cached 0.10 and output 1.60 less the model's 25% discount.
        Assert.Equal((0.21m, 0.075m, 1.20m), (batch.InputPerMillion, batch.CachedInputPerMillion, batch.OutputPerMillion));
        Assert.Equal((0.075m, 0.0375m, 0.30m), Triple(prices.Find("gpt-4o-mini")!.Batch()));
    }

    [Fact]
    public void Every_batch_price_can_be_set_and_a_model_without_a_cached_price_bills_cached_batch_tokens_as_batch_input()
    {
        var prices = Prices(new Dictionary<string, string?>
        {
            ["Pricing:Models:gpt-4o:BatchInputPerMillion"] = "1.3",
            ["Pricing:Models:gpt-4o:BatchCachedInputPerMillion"] = "0.6",
            ["Pricing:Models:gpt-4o:BatchOutputPerMillion"] = "5.2",
        });

        Assert.Equal((1.3m, 0.6m, 5.2m), Triple(prices.Find("gpt-4o")!.Batch()));
        var turbo = prices.Find("gpt-35-turbo")!.Batch();
        Assert.Null(turbo.CachedInputPerMillion);
        // 1M prompt tokens, half of them cached, all at the batch input price of 0.25.
        Assert.Equal(0.25m, turbo.Cost(1_000_000, 500_000, 0));
    }

    [Fact]
    public void Cached_batch_tokens_save_against_the_full_batch_price()
    {
        var batch = Prices().Find("gpt-4.1-mini")!.Batch();

        // 2M prompt tokens, 1M cached, 1M completion: 1M x 0.20 + 1M x 0.05 + 1M x 0.80 at batch prices.
        Assert.Equal(1.05m, batch.Cost(2_000_000, 1_000_000, 1_000_000));
        Assert.Equal(0.15m, batch.CacheSaving(2_000_000, 1_000_000, 1_000_000));
    }

    [Fact]
    public async Task A_batch_answer_costs_the_batch_price_and_records_what_it_saved_against_the_standard_price()
    {
        var clock = new FakeTimeProvider();
        await using var simulator = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 4, BatchCompletionDelay = Delay }, timeProvider: clock);
        var (client, prices) = Client(simulator, "azure", clock, new Dictionary<string, string?>
        {
            ["Pricing:Models:gpt-4o-mini:BatchInputPerMillion"] = "0.1",
            ["Pricing:Models:gpt-4o-mini:BatchOutputPerMillion"] = "0.2",
        });

        var job = await client.SubmitAsync(Calls, Model, CancellationToken.None);
        clock.Advance(Delay);
        var results = await client.ReadResultsAsync(await client.GetAsync(job.Id, CancellationToken.None), Calls, Model, CancellationToken.None);

        var price = prices.Find(Model)!;
        var total = results.Aggregate(LlmUsage.None, (sum, result) => sum + result.Completion!.Usage);
        var standard = price.Cost(total.PromptTokens, total.CachedPromptTokens, total.CompletionTokens);
        Assert.Equal(((total.PromptTokens * 0.1m) + (total.CompletionTokens * 0.2m)) / 1_000_000m, total.CostUsd);
        Assert.Equal(standard - total.CostUsd, total.BatchSavedUsd);
        Assert.True(total.BatchSavedUsd > 0);
        var stage = Assert.Single(total.Stages, s => s.Key == "classification").Value;
        Assert.Equal(price.Cost(stage.PromptTokens, stage.CachedPromptTokens, stage.CompletionTokens) - stage.CostUsd, stage.BatchSavedUsd);
        Assert.Equal(stage.BatchSavedUsd, ManifestStageUsage.From(stage, records: 10).BatchSavedUsd);
    }

    private static (decimal Input, decimal? CachedInput, decimal Output) Triple(ModelPrice price) =>
        (price.InputPerMillion, price.CachedInputPerMillion, price.OutputPerMillion);

    /// <summary>Submits <see cref="Calls"/>, lets <paramref name="wait"/> pass, and reads the batch and its results.</summary>
    private static async Task<(BatchJob Job, IReadOnlyList<BatchLineResult> Results)> RunToEndAsync(SimulatorOptions options, string provider, TimeSpan wait)
    {
        var clock = new FakeTimeProvider();
        await using var simulator = await LlmSimulatorServer.StartAsync(options, timeProvider: clock);
        var (client, _) = Client(simulator, provider, clock);

        var job = await client.SubmitAsync(Calls, Model, CancellationToken.None);
        clock.Advance(wait);
        job = await client.GetAsync(job.Id, CancellationToken.None);
        return (job, await client.ReadResultsAsync(job, Calls, Model, CancellationToken.None));
    }

    private static (HttpBatchLlmClient Client, PriceTable Prices) Client(
        LlmSimulatorServer simulator, string provider, TimeProvider clock, IReadOnlyDictionary<string, string?>? pricing = null)
    {
        var options = new LlmOptions
        {
            Provider = provider,
            Endpoint = provider == "azure" ? simulator.BaseUri : simulator.OpenAiEndpoint,
            ApiKey = "test-key",
        };
        var prices = Prices(pricing);
        return (new HttpBatchLlmClient(new HttpClient(), BatchEndpoint.From(options), prices, clock), prices);
    }

    private static PriceTable Prices(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        return new ServiceCollection().AddLlm(configuration).BuildServiceProvider().GetRequiredService<PriceTable>();
    }
}
