using System.ClientModel;
using System.Net;
using OpenAI.Chat;
using ServerlessInstruct.LlmSimulator.Stats;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>The per-minute quotas throttle like Azure's: 429 with a Retry-After that is long enough and no longer.</summary>
public sealed class QuotaTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_burst_beyond_the_requests_per_minute_is_throttled_until_the_window_slides()
    {
        var clock = new ManualTimeProvider(Start);
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { RequestsPerMinute = 3 }, timeProvider: clock);

        RawHttp.Reply[] first = await BurstAsync(server, 3, "first");
        clock.Advance(TimeSpan.FromSeconds(10));
        RawHttp.Reply[] throttled = await BurstAsync(server, 4, "second");
        clock.Advance(TimeSpan.FromSeconds(49));
        RawHttp.Reply stillEarly = await RawHttp.ChatAsync(server, "early");
        clock.Advance(TimeSpan.FromSeconds(1));
        RawHttp.Reply[] afterWaiting = await BurstAsync(server, 3, "third");

        Assert.All(first, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(throttled, r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.Status);
            Assert.Equal("50", r.Header("Retry-After"));
            Assert.Equal("50000", r.Header("retry-after-ms"));
        });
        Assert.Equal(HttpStatusCode.TooManyRequests, stillEarly.Status);
        Assert.Equal("1000", stillEarly.Header("retry-after-ms"));
        Assert.All(afterWaiting, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(5, server.Stats.Snapshot()[RequestOutcome.QuotaExceeded]);
    }

    [Fact]
    public async Task Tokens_per_minute_charge_prompt_plus_max_tokens_and_Retry_After_points_at_the_oldest_expiry()
    {
        var clock = new ManualTimeProvider(Start);
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { TokensPerMinute = 1000 }, timeProvider: clock);

        RawHttp.Reply a = await RawHttp.ChatAsync(server, "First question.", maxTokens: 300);
        clock.Advance(TimeSpan.FromSeconds(20));
        RawHttp.Reply b = await RawHttp.ChatAsync(server, "Second question.", maxTokens: 300);
        clock.Advance(TimeSpan.FromSeconds(20));
        RawHttp.Reply c = await RawHttp.ChatAsync(server, "Third question.", maxTokens: 300);
        clock.Advance(TimeSpan.FromSeconds(5));
        RawHttp.Reply d = await RawHttp.ChatAsync(server, "Fourth question.", maxTokens: 300);
        clock.Advance(TimeSpan.FromSeconds(15));
        RawHttp.Reply retried = await RawHttp.ChatAsync(server, "Fourth question.", maxTokens: 300);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { a.Status, b.Status, c.Status });
        // Each request holds a few prompt tokens plus 300 of max_tokens, so a fourth only fits once the first,
        // admitted 45 seconds earlier, leaves the 60-second window.
        Assert.Equal(HttpStatusCode.TooManyRequests, d.Status);
        Assert.Equal("15", d.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        int remaining = int.Parse(retried.Header("x-ratelimit-remaining-tokens")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(remaining, 0, 1000 - (3 * 300));
    }

    [Fact]
    public async Task A_request_that_can_never_fit_the_token_quota_gets_400_with_the_reason()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { TokensPerMinute = 100 });

        RawHttp.Reply reply = await RawHttp.ChatAsync(server, "Hello.", maxTokens: 500);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("lower max_tokens", reply.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_burst_through_the_OpenAI_client_is_throttled_then_completed_by_its_retries()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions
        {
            RequestsPerMinute = 4,
            QuotaWindow = TimeSpan.FromMilliseconds(500),
        });
        ChatClient client = Clients.OpenAi(server, maxRetries: 5);

        ClientResult<ChatCompletion>[] results = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => client.CompleteChatAsync(Clients.User($"Burst request {i}."))));

        Assert.All(results, r => Assert.Equal(ChatFinishReason.Stop, r.Value.FinishReason));
        SimulatorStatsSnapshot stats = server.Stats.Snapshot();
        Assert.Equal(8, stats[RequestOutcome.Ok]);
        Assert.True(stats[RequestOutcome.QuotaExceeded] >= 4, $"throttled {stats[RequestOutcome.QuotaExceeded]} times");
    }

    private static Task<RawHttp.Reply[]> BurstAsync(LlmSimulatorServer server, int count, string label) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => RawHttp.ChatAsync(server, $"{label} request {i}", maxTokens: 50)));
}
