using System.ClientModel;
using System.Net;
using System.Text.Json;
using OpenAI.Chat;
using ServerlessInstruct.LlmSimulator.Stats;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>The real OpenAI and Azure OpenAI SDK clients talk to the simulator as to the service.</summary>
public sealed class ClientCompatibilityTests
{
    [Fact]
    public async Task OpenAiChatClient_gets_a_completion_whose_usage_adds_up()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 7 });
        ChatClient client = Clients.OpenAi(server);

        ClientResult<ChatCompletion> result = await client.CompleteChatAsync(
            [new SystemChatMessage("You are a helpful assistant."), new UserChatMessage(Prompts.NumberedList(Prompts.EnglishExamples))],
            new ChatCompletionOptions { MaxOutputTokenCount = 1024, StopSequences = { "\n\n", "16", "16." } });
        ChatCompletion completion = result.Value;

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.StartsWith("9. ", completion.Content[0].Text, StringComparison.Ordinal);
        Assert.Equal("gpt-4o-mini", completion.Model);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.True(completion.Usage.InputTokenCount > 100, $"prompt tokens {completion.Usage.InputTokenCount}");
        Assert.True(completion.Usage.OutputTokenCount > 10, $"completion tokens {completion.Usage.OutputTokenCount}");
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);

        SimulatorStatsSnapshot stats = server.Stats.Snapshot();
        Assert.Equal(1, stats.Requests);
        Assert.Equal(1, stats.Routes[SimulatorStats.OpenAiRoute]);
        Assert.Equal(1, stats[RequestOutcome.Ok]);
        Assert.Equal(completion.Usage.InputTokenCount, stats.PromptTokens);
        Assert.Equal(completion.Usage.OutputTokenCount, stats.CompletionTokens);
    }

    [Fact]
    public async Task OpenAiChatClient_structured_output_is_valid_against_the_schema_sent()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 11 });
        ChatClient client = Clients.OpenAi(server);
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("generation", BinaryData.FromString(Prompts.GenerationSchema), jsonSchemaIsStrict: true),
        };
        using JsonDocument schema = JsonDocument.Parse(Prompts.GenerationSchema);

        // Several prompts, so arrays of different lengths and both boolean values get checked.
        for (int variant = 0; variant < 8; variant++)
        {
            ChatCompletion completion = (await client.CompleteChatAsync(Clients.User(Prompts.Shuffled(Prompts.EnglishExamples, variant)), options)).Value;

            using JsonDocument answer = JsonDocument.Parse(completion.Content[0].Text);
            Assert.Empty(SchemaValidator.Validate(answer.RootElement, schema.RootElement));
            Assert.All(answer.RootElement.GetProperty("instructions").EnumerateArray(), i => Assert.False(string.IsNullOrWhiteSpace(i.GetString())));
            Assert.All(answer.RootElement.GetProperty("instances").EnumerateArray(), i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("output").GetString())));
            Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        }
    }

    [Fact]
    public async Task AzureOpenAIClient_gets_plain_and_structured_completions_on_its_deployment_route()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 3 });
        ChatClient client = Clients.Azure(server, deployment: "instruct-gpt");

        ChatCompletion plain = (await client.CompleteChatAsync(Clients.User(Prompts.Classification("Classify the email as spam or not spam.")))).Value;
        ChatCompletion structured = (await client.CompleteChatAsync(
            Clients.User(Prompts.NumberedList(Prompts.EnglishExamples)),
            new ChatCompletionOptions
            {
                ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("generation", BinaryData.FromString(Prompts.GenerationSchema), jsonSchemaIsStrict: true),
            })).Value;

        Assert.Contains(plain.Content[0].Text, new[] { "Yes", "No" });
        Assert.Equal("instruct-gpt", plain.Model);
        using JsonDocument schema = JsonDocument.Parse(Prompts.GenerationSchema);
        using JsonDocument answer = JsonDocument.Parse(structured.Content[0].Text);
        Assert.Empty(SchemaValidator.Validate(answer.RootElement, schema.RootElement));
        Assert.Equal(structured.Usage.InputTokenCount + structured.Usage.OutputTokenCount, structured.Usage.TotalTokenCount);
        Assert.Equal(2, server.Stats.Snapshot().Routes[SimulatorStats.AzureRoute]);
    }

    [Fact]
    public async Task Both_clients_get_the_same_answer_to_the_same_prompt()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 5 });
        ChatMessage[] prompt = Clients.User(Prompts.NumberedList(Prompts.EnglishExamples));

        ChatCompletion viaOpenAi = (await Clients.OpenAi(server).CompleteChatAsync(prompt)).Value;
        ChatCompletion viaAzure = (await Clients.Azure(server).CompleteChatAsync(prompt)).Value;

        Assert.Equal(viaOpenAi.Content[0].Text, viaAzure.Content[0].Text);
        Assert.Equal(viaOpenAi.Usage.TotalTokenCount, viaAzure.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task A_request_without_credentials_gets_401_in_the_service_error_shape()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());

        RawHttp.Reply reply = await RawHttp.PostAsync(server, "v1/chat/completions", """{"model":"m","messages":[{"role":"user","content":"hi"}]}""", withKey: false);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("invalid_api_key", reply.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, server.Stats.Snapshot()[RequestOutcome.Unauthorized]);
    }

    [Fact]
    public async Task An_azure_route_without_api_version_is_not_found()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());

        RawHttp.Reply reply = await RawHttp.PostAsync(server, "openai/deployments/d/chat/completions", """{"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("api-version", reply.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_or_model_that_does_not_exist_is_not_found_on_both_routes()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Deployments = ["gpt-4o-deployment", "gpt-4o-mini"] });

        await Clients.Azure(server).CompleteChatAsync(Clients.User("hi"));
        await Clients.OpenAi(server).CompleteChatAsync(Clients.User("hi"));
        var azure = await Assert.ThrowsAsync<ClientResultException>(() => Clients.Azure(server, "missing").CompleteChatAsync(Clients.User("hi")));
        RawHttp.Reply openAi = await RawHttp.PostAsync(server, "v1/chat/completions", """{"model":"missing","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(404, azure.Status);
        Assert.Contains("DeploymentNotFound", azure.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, openAi.Status);
        Assert.Equal("model_not_found", openAi.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, server.Stats.Snapshot()[RequestOutcome.NotFound]);
        Assert.Equal(2, server.Stats.Snapshot()[RequestOutcome.Ok]);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"model":"m"}""", "'messages' is required")]
    [InlineData("""{"messages":[]}""", "at least one message")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "'max_tokens' must be a positive integer")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"stream":true}""", "'stream': true is not supported")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema"}}""", "json_schema.schema' is required")]
    public async Task A_malformed_request_gets_400_with_the_reason(string body, string reason)
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());

        RawHttp.Reply reply = await RawHttp.PostAsync(server, "v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(reason, reply.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, server.Stats.Snapshot()[RequestOutcome.BadRequest]);
    }

    [Fact]
    public async Task Stats_endpoint_reports_and_resets_counters()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());
        await RawHttp.ChatAsync(server, "Tell me about honeybees.");

        JsonElement before = await RawHttp.StatsAsync(server);
        await RawHttp.ResetStatsAsync(server);
        JsonElement after = await RawHttp.StatsAsync(server);

        Assert.Equal(1, before.GetProperty("requests").GetInt64());
        Assert.Equal(1, before.GetProperty("outcomes").GetProperty("ok").GetInt64());
        Assert.True(before.GetProperty("completion_tokens").GetInt64() > 0);
        Assert.Equal(
            before.GetProperty("prompt_tokens").GetInt64() + before.GetProperty("completion_tokens").GetInt64(),
            before.GetProperty("total_tokens").GetInt64());
        Assert.Equal(0, after.GetProperty("requests").GetInt64());
        Assert.Equal(0, after.GetProperty("outcomes").GetProperty("ok").GetInt64());
    }
}
