using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Llm.Accounting;
using ServerlessInstruct.Functions.Llm.Pricing;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Tests.Throughput;

public sealed class UsageAccountingTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static LlmUsage Call(string stage, string model, long prompt, long completion, decimal cost, DateTimeOffset at, long charged)
    {
        var counts = new UsageCounts(1, prompt, completion, cost);
        return new LlmUsage(1, prompt, completion, cost)
        {
            Stages = new Dictionary<string, UsageCounts> { [stage] = counts },
            Models = new Dictionary<string, UsageCounts> { [model] = counts },
            Timeline = UsageTimeline.ForCall(at, prompt + completion, charged),
        };
    }

    [Fact]
    public void Adding_usage_adds_every_breakdown()
    {
        var total = LlmUsage.None
            + Call("classification", "gpt-4o-mini", 100, 2, 0.01m, Start, 120)
            + Call("classification", "gpt-4o-mini", 110, 3, 0.02m, Start.AddSeconds(20), 130)
            + Call("instruction-generation", "gpt-4o", 300, 200, 0.5m, Start.AddSeconds(40), 1_324);

        Assert.Equal(3, total.Calls);
        Assert.Equal(0.53m, total.CostUsd);
        Assert.Equal(new UsageCounts(2, 210, 5, 0.03m), total.Stages["classification"]);
        Assert.Equal(new UsageCounts(1, 300, 200, 0.5m), total.Models["gpt-4o"]);
        // Forty seconds fit in one-second buckets.
        var timeline = total.Timeline!;
        Assert.Equal(UsageTimeline.BaseBucketSeconds, timeline.BucketSeconds);
        Assert.Equal(Start, timeline.StartTime);
        Assert.Equal(41, timeline.Calls.Count);
        Assert.Equal([1, 1, 1], new[] { timeline.Calls[0], timeline.Calls[20], timeline.Calls[40] });
        Assert.Equal(3, timeline.Calls.Sum());
        Assert.Equal([102L, 113, 500], new[] { timeline.Tokens[0], timeline.Tokens[20], timeline.Tokens[40] });
        Assert.Equal([120L, 130, 1_324], new[] { timeline.QuotaTokens[0], timeline.QuotaTokens[20], timeline.QuotaTokens[40] });
    }

    [Fact]
    public void A_long_timeline_widens_its_buckets_instead_of_growing_and_keeps_every_count()
    {
        var total = LlmUsage.None;
        for (var second = 0; second < 3 * 3600; second += 10)
        {
            total += Call("instances-input-first", "simulator", 10, 5, 0, Start.AddSeconds(second), 20);
        }

        var timeline = total.Timeline!;
        Assert.True(timeline.Calls.Count <= UsageTimeline.MaxBuckets, $"{timeline.Calls.Count} buckets");
        // Three hours: 60-second buckets would need 180, so they are 120 seconds wide.
        Assert.Equal(120, timeline.BucketSeconds);
        Assert.Equal(3 * 360, timeline.Calls.Sum());
        Assert.Equal(3 * 360 * 15L, timeline.Tokens.Sum());
        Assert.Equal(3 * 360 * 20L, timeline.QuotaTokens.Sum());
        Assert.InRange(Start - timeline.StartTime, TimeSpan.Zero, TimeSpan.FromSeconds(119));
    }

    [Fact]
    public void Timelines_merge_the_same_in_any_order()
    {
        var calls = Enumerable.Range(0, 50)
            .Select(i => Call("classification", "simulator", i, 1, 0, Start.AddSeconds(i * 97 % 4000), i + 10))
            .ToList();

        var forward = calls.Aggregate(LlmUsage.None, (sum, call) => sum + call).Timeline!;
        var pairwise = calls.Chunk(7).Select(chunk => chunk.Aggregate(LlmUsage.None, (sum, call) => sum + call))
            .Reverse().Aggregate(LlmUsage.None, (sum, part) => sum + part).Timeline!;

        Assert.Equal((forward.Start, forward.BucketSeconds), (pairwise.Start, pairwise.BucketSeconds));
        Assert.Equal(forward.Calls, pairwise.Calls);
        Assert.Equal(forward.Tokens, pairwise.Tokens);
        Assert.Equal(forward.QuotaTokens, pairwise.QuotaTokens);
    }

    [Theory]
    [InlineData("gpt-4o-mini-2024-07-18", 0.15, 0.60)]
    [InlineData("gpt-4o-2024-11-20", 2.50, 10.00)]
    [InlineData("GPT-4.1-nano", 0.10, 0.40)]
    [InlineData("simulator", 0, 0)]
    public void Models_take_the_price_of_the_longest_name_they_start_with(string model, double input, double output)
    {
        var price = Prices().Find(model)!;

        Assert.Equal((decimal)input, price.InputPerMillion);
        Assert.Equal((decimal)output, price.OutputPerMillion);
    }

    [Fact]
    public void Settings_change_a_price_and_add_a_model_and_unknown_models_have_none()
    {
        var prices = Prices(new Dictionary<string, string?>
        {
            ["Pricing:Models:gpt-4o-mini:InputPerMillion"] = "0.165",
            ["Pricing:Models:my-finetune:InputPerMillion"] = "1.5",
            ["Pricing:Models:my-finetune:OutputPerMillion"] = "6",
        });

        Assert.Equal(0.165m, prices.Find("gpt-4o-mini")!.InputPerMillion);
        Assert.Equal(0.60m, prices.Find("gpt-4o-mini")!.OutputPerMillion);
        Assert.Equal(0.0015m + 0.0006m, prices.Find("my-finetune-v2")!.Cost(1_000, 0, 100));
        Assert.Null(prices.Find("llama-3-70b"));
    }

    [Fact]
    public void Cached_prompt_tokens_cost_the_cached_price_and_the_difference_is_what_caching_saved()
    {
        var price = Prices().Find("gpt-4o-mini-2024-07-18")!;

        // A classification call: 1,056 prompt tokens of which 1,024 came from the cache, one token of answer.
        var cost = price.Cost(1_056, 1_024, 1);
        var saved = price.CacheSaving(1_056, 1_024, 1);

        Assert.Equal(((32 * 0.15m) + (1_024 * 0.075m) + (1 * 0.60m)) / 1_000_000m, cost);
        Assert.Equal(1_024 * (0.15m - 0.075m) / 1_000_000m, saved);
        Assert.Equal(price.Cost(1_056, 0, 1), cost + saved);
        // The service never reports more cached tokens than prompt tokens; a count that did is held to the prompt.
        Assert.Equal(price.Cost(100, 100, 0), price.Cost(100, 500, 0));
    }

    [Fact]
    public void Settings_set_a_cached_price_and_a_model_without_one_bills_cached_tokens_in_full()
    {
        var prices = Prices(new Dictionary<string, string?>
        {
            ["Pricing:Models:my-finetune:InputPerMillion"] = "2",
            ["Pricing:Models:my-finetune:CachedInputPerMillion"] = "0.5",
            ["Pricing:Models:my-finetune:OutputPerMillion"] = "8",
        });

        Assert.Equal(((1_000 * 2m) + (1_000 * 0.5m)) / 1_000_000m, prices.Find("my-finetune")!.Cost(2_000, 1_000, 0));
        Assert.Equal(0m, prices.Find("gpt-35-turbo")!.CacheSaving(2_000, 1_024, 10));
        Assert.Equal(0.075m, prices.Find("gpt-4o-mini")!.CachedInputPerMillion);
    }

    [Fact]
    public void Adding_usage_adds_cached_tokens_and_savings_by_stage_and_model()
    {
        static LlmUsage Cached(string stage, long prompt, long cached, decimal cost, decimal saved)
        {
            var counts = new UsageCounts(1, prompt, 1, cost, cached, saved);
            return new LlmUsage(1, prompt, 1, cost)
            {
                CachedPromptTokens = cached,
                CacheSavedUsd = saved,
                Stages = new Dictionary<string, UsageCounts> { [stage] = counts },
                Models = new Dictionary<string, UsageCounts> { ["gpt-4o-mini"] = counts },
            };
        }

        var total = Cached("classification", 1_056, 0, 0.2m, 0)
            + Cached("classification", 1_056, 1_024, 0.1m, 0.1m)
            + Cached("instances-input-first", 500, 0, 0.3m, 0);

        Assert.Equal(1_024, total.CachedPromptTokens);
        Assert.Equal(0.1m, total.CacheSavedUsd);
        Assert.Equal(new UsageCounts(2, 2_112, 2, 0.3m, 1_024, 0.1m), total.Stages["classification"]);
        Assert.Equal(0.4m, total.Stages["classification"].FullPriceCostUsd);
        Assert.Equal(new UsageCounts(3, 2_612, 3, 0.6m, 1_024, 0.1m), total.Models["gpt-4o-mini"]);
    }

    private static PriceTable Prices(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        return new ServiceCollection().AddLlm(configuration).BuildServiceProvider().GetRequiredService<PriceTable>();
    }
}
