using OpenAI.Chat;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>
/// Prompt caching as the services report it in <c>usage.prompt_tokens_details.cached_tokens</c>, read through the
/// real SDK: a prefix of 1,024 tokens or more sent within the cache lifetime, counted in 128-token steps.
/// </summary>
public sealed class PromptCacheTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>1,300 four-letter words: 1,300 tokens to the simulator's estimator.</summary>
    private static readonly string StaticPart = string.Concat(Enumerable.Repeat("abcd ", 1_300));

    [Fact]
    public async Task A_shared_prefix_is_read_from_the_cache_from_the_second_call_on_in_128_token_steps()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());
        var client = Clients.OpenAi(server);

        var first = await CachedAsync(client, StaticPart + "First question?");
        var second = await CachedAsync(client, StaticPart + "Second question?");
        var third = await CachedAsync(client, StaticPart + "Third question?");

        Assert.Equal(0, first.Cached);
        // The shared prefix is the user message's framing (4) and 1,300 tokens: 1,304, so 1,024 + 2 x 128 of it.
        Assert.Equal(1_280, second.Cached);
        Assert.Equal(1_280, third.Cached);
        Assert.True(second.Cached < second.Prompt);
        Assert.Equal(2 * 1_280, server.Stats.Snapshot().CachedTokens);
    }

    [Fact]
    public async Task Prompts_shorter_than_1024_tokens_are_never_cached_even_when_sent_again()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());
        var client = Clients.OpenAi(server);
        var prompt = string.Concat(Enumerable.Repeat("abcd ", 1_000));

        var first = await CachedAsync(client, prompt);
        var again = await CachedAsync(client, prompt);

        Assert.True(again.Prompt < PromptCacheMinimum);
        Assert.Equal((0, 0), (first.Cached, again.Cached));
    }

    [Fact]
    public async Task A_prefix_expires_after_the_cache_lifetime_and_belongs_to_its_own_deployment()
    {
        var clock = new ManualTimeProvider(Start);
        await using var server = await LlmSimulatorServer.StartAsync(
            new SimulatorOptions { PromptCacheLifetime = TimeSpan.FromMinutes(5) }, timeProvider: clock);
        var client = Clients.OpenAi(server);

        await CachedAsync(client, StaticPart + "One?");
        clock.Advance(TimeSpan.FromMinutes(4));
        var withinLifetime = await CachedAsync(client, StaticPart + "Two?");
        var otherDeployment = await CachedAsync(Clients.Azure(server, "another-deployment"), StaticPart + "Three?");
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var expired = await CachedAsync(client, StaticPart + "Four?");

        Assert.Equal(1_280, withinLifetime.Cached);
        Assert.Equal(0, otherDeployment.Cached);
        Assert.Equal(0, expired.Cached);
    }

    [Fact]
    public async Task A_prefix_that_differs_early_is_not_cached_and_a_zero_lifetime_turns_caching_off()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());
        var client = Clients.OpenAi(server);

        await CachedAsync(client, StaticPart + "One?");
        var changedAtTheStart = await CachedAsync(client, "Preface. " + StaticPart + "Two?");
        server.Options = server.Options with { PromptCacheLifetime = TimeSpan.Zero };
        var off = await CachedAsync(client, StaticPart + "Three?");

        Assert.Equal(0, changedAtTheStart.Cached);
        Assert.Equal(0, off.Cached);
    }

    private const int PromptCacheMinimum = 1_024;

    private static async Task<(int Prompt, int Cached)> CachedAsync(ChatClient client, string prompt)
    {
        ChatCompletion completion = await client.CompleteChatAsync(Clients.User(prompt), new ChatCompletionOptions { MaxOutputTokenCount = 20 });
        return (completion.Usage.InputTokenCount, completion.Usage.InputTokenDetails.CachedTokenCount);
    }
}
