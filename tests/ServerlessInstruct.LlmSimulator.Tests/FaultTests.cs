using System.ClientModel;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OpenAI.Chat;
using ServerlessInstruct.LlmSimulator.Stats;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>Injected faults reach the real clients as the service's own failures would.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task An_injected_429_is_retried_by_the_OpenAI_client_after_Retry_After()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { RetryAfter = TimeSpan.FromSeconds(1) });
        server.InjectFaults(SimulatedFault.TooManyRequests);
        var clock = Stopwatch.StartNew();

        ChatCompletion completion = (await Clients.OpenAi(server, maxRetries: null).CompleteChatAsync(Clients.User("Tell me about volcanoes."))).Value;

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        SimulatorStatsSnapshot stats = server.Stats.Snapshot();
        Assert.Equal(2, stats.Requests);
        Assert.Equal(1, stats[RequestOutcome.TooManyRequests]);
        Assert.Equal(1, stats[RequestOutcome.Ok]);
        // The client's own backoff starts at 0.8 s; waiting the announced second shows it read Retry-After.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task An_injected_429_is_retried_by_the_Azure_client()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { RetryAfter = TimeSpan.FromMilliseconds(200) });
        server.InjectFaults(SimulatedFault.TooManyRequests);

        ChatCompletion completion = (await Clients.Azure(server, maxRetries: null).CompleteChatAsync(Clients.User("Tell me about volcanoes."))).Value;

        Assert.False(string.IsNullOrEmpty(completion.Content[0].Text));
        SimulatorStatsSnapshot stats = server.Stats.Snapshot();
        Assert.Equal(1, stats[RequestOutcome.TooManyRequests]);
        Assert.Equal(1, stats[RequestOutcome.Ok]);
    }

    [Fact]
    public async Task A_429_carries_Retry_After_headers_and_the_Azure_error_shape()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Fail429 = 1, RetryAfter = TimeSpan.FromMilliseconds(2500) });

        RawHttp.Reply reply = await RawHttp.PostAsync(server, "openai/deployments/d/chat/completions?api-version=2024-10-21", """{"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, reply.Status);
        Assert.Equal("3", reply.Header("Retry-After"));
        Assert.Equal("2500", reply.Header("retry-after-ms"));
        Assert.Equal("429", reply.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(SimulatedFault.InternalServerError, 500, RequestOutcome.InternalServerError)]
    [InlineData(SimulatedFault.ServiceUnavailable, 503, RequestOutcome.ServiceUnavailable)]
    public async Task Server_errors_surface_as_ClientResultException_with_their_status(SimulatedFault fault, int status, RequestOutcome outcome)
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());
        server.InjectFaults(fault);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Clients.OpenAi(server).CompleteChatAsync(Clients.User("Hello.")));

        Assert.Equal(status, error.Status);
        Assert.Equal(1, server.Stats.Snapshot()[outcome]);
    }

    [Fact]
    public async Task A_malformed_body_fails_to_parse_in_the_client()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Malformed = 1 });

        await Assert.ThrowsAnyAsync<JsonException>(() => Clients.OpenAi(server).CompleteChatAsync(Clients.User("Hello.")));

        SimulatorStatsSnapshot stats = server.Stats.Snapshot();
        Assert.Equal(1, stats[RequestOutcome.Malformed]);
        Assert.Equal(0, stats.CompletionTokens);
    }

    [Fact]
    public async Task A_content_filter_refusal_is_a_400_with_Azure_content_filter_details()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { ContentFilter = 1 });

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Clients.Azure(server).CompleteChatAsync(Clients.User("Hello.")));

        Assert.Equal(400, error.Status);
        JsonElement body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal("content_filter", body.GetProperty("code").GetString());
        JsonElement filterResult = body.GetProperty("innererror").GetProperty("content_filter_result");
        Assert.Contains(filterResult.EnumerateObject(), category => category.Value.GetProperty("filtered").GetBoolean());
    }

    [Fact]
    public async Task A_content_filter_verdict_is_the_same_on_every_retry_of_a_prompt()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { ContentFilter = 0.5, Seed = 4 });
        var verdicts = new List<(HttpStatusCode First, HttpStatusCode Second)>();
        for (int i = 0; i < 12; i++)
        {
            string prompt = $"Describe topic number {i}.";
            verdicts.Add(((await RawHttp.ChatAsync(server, prompt)).Status, (await RawHttp.ChatAsync(server, prompt)).Status));
        }

        Assert.All(verdicts, v => Assert.Equal(v.First, v.Second));
        Assert.Contains(verdicts, v => v.First == HttpStatusCode.BadRequest);
        Assert.Contains(verdicts, v => v.First == HttpStatusCode.OK);
    }

    [Fact]
    public async Task Filtered_output_ends_with_finish_reason_content_filter_and_no_text()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { FilteredOutput = 1 });

        ChatCompletion completion = (await Clients.Azure(server).CompleteChatAsync(Clients.User("Hello."))).Value;

        Assert.Equal(ChatFinishReason.ContentFilter, completion.FinishReason);
        Assert.Empty(completion.Content);
        Assert.Equal(0, completion.Usage.OutputTokenCount);
        Assert.Equal(1, server.Stats.Snapshot()[RequestOutcome.FilteredOutput]);
    }

    [Fact]
    public async Task A_hung_request_lasts_until_the_client_gives_up()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Hang = 1, HangTime = TimeSpan.FromMinutes(10) });
        ChatClient client = Clients.OpenAi(server, networkTimeout: TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CompleteChatAsync(Clients.User("Hello.")));

        Assert.Equal(1, server.Stats.Snapshot()[RequestOutcome.Hung]);
    }

    [Fact]
    public async Task A_hung_request_answers_after_the_hang_time()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Hang = 1, HangTime = TimeSpan.FromMilliseconds(50) });

        ChatCompletion completion = (await Clients.OpenAi(server).CompleteChatAsync(Clients.User("Hello."))).Value;

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(1, server.Stats.Snapshot()[RequestOutcome.Hung]);
    }

    [Fact]
    public async Task Truncated_answers_end_with_finish_reason_length()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Truncate = 1 });
        string prompt = Prompts.NumberedList(Prompts.EnglishExamples);
        await using var whole = await LlmSimulatorServer.StartAsync(new SimulatorOptions());

        ChatCompletion cut = (await Clients.OpenAi(server).CompleteChatAsync(Clients.User(prompt))).Value;
        ChatCompletion full = (await Clients.OpenAi(whole).CompleteChatAsync(Clients.User(prompt))).Value;

        Assert.Equal(ChatFinishReason.Length, cut.FinishReason);
        Assert.StartsWith(cut.Content[0].Text, full.Content[0].Text, StringComparison.Ordinal);
        Assert.True(cut.Usage.OutputTokenCount < full.Usage.OutputTokenCount);
        Assert.Equal(1, server.Stats.Snapshot()[RequestOutcome.Truncated]);
    }

    [Fact]
    public async Task Max_tokens_cuts_the_answer_to_exactly_that_many_tokens()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());

        ChatCompletion completion = (await Clients.OpenAi(server).CompleteChatAsync(
            Clients.User(Prompts.NumberedList(Prompts.EnglishExamples)),
            new ChatCompletionOptions { MaxOutputTokenCount = 12 })).Value;

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(12, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Options_changed_at_run_time_apply_from_the_next_request()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());
        RawHttp.Reply before = await RawHttp.ChatAsync(server, "Hello.");

        server.Options = server.Options with { Fail503 = 1 };
        RawHttp.Reply after = await RawHttp.ChatAsync(server, "Hello again.");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.Status);
        Assert.Throws<ArgumentException>(() => server.Options = server.Options with { Fail429 = 2 });
        Assert.Equal(0, server.Options.Fail429);
    }

    [Fact]
    public async Task Fault_shares_are_reproducible_per_seed_and_retries_draw_anew()
    {
        var options = new SimulatorOptions { Seed = 21, Fail429 = 0.3, Fail500 = 0.1, Fail503 = 0.1 };
        List<HttpStatusCode> first = await OutcomesAsync(options);
        List<HttpStatusCode> second = await OutcomesAsync(options);
        List<HttpStatusCode> otherSeed = await OutcomesAsync(options with { Seed = 22 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        int throttled = first.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.InRange(throttled, 15, 45);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, first);
        Assert.InRange(first.Count(s => s == HttpStatusCode.OK), 35, 65);
    }

    /// <summary>Fifty distinct prompts, each sent twice: the second send is a new attempt with a new draw.</summary>
    private static async Task<List<HttpStatusCode>> OutcomesAsync(SimulatorOptions options)
    {
        await using var server = await LlmSimulatorServer.StartAsync(options);
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 50; i++)
        {
            statuses.Add((await RawHttp.ChatAsync(server, $"Prompt {i}")).Status);
            statuses.Add((await RawHttp.ChatAsync(server, $"Prompt {i}")).Status);
        }

        return statuses;
    }
}
