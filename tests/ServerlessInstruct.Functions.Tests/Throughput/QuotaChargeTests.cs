using Microsoft.Extensions.Options;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Llm.Pricing;
using ServerlessInstruct.Functions.Llm.Throttling;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.LlmSimulator;

namespace ServerlessInstruct.Functions.Tests.Throughput;

/// <summary>
/// The limiter paces by what it thinks a request costs. The simulator charges its quota as Azure does (its own
/// count of the prompt as sent over the wire, schema included, plus max_tokens), so the two must agree.
/// </summary>
public sealed class QuotaChargeTests
{
    public static TheoryData<string> Prompts() => ["instructions-en-text", "classification-en-json", "instances-en-json", "classification-ko-json", "instances-ko-text"];

    private static ChatPrompt Build(string name)
    {
        var english = LanguageProfile.English;
        var korean = LanguageProfile.Korean;
        return name switch
        {
            "instructions-en-text" => SelfInstructPrompts.BuildInstructionGeneration(
                ["Give three tips for staying healthy.", "What are the three primary colors?", "Describe the structure of an atom:"], english),
            "classification-en-json" => SelfInstructPrompts.BuildClassification("Is this movie review positive or negative?", english, ResponseStyle.Json),
            "instances-en-json" => SelfInstructPrompts.BuildInstanceGeneration("Summarize the paragraph in one sentence.", false, english, ResponseStyle.Json),
            "classification-ko-json" => SelfInstructPrompts.BuildClassification("다음 리뷰가 긍정적인지 부정적인지 판단하세요.", korean, ResponseStyle.Json),
            "instances-ko-text" => SelfInstructPrompts.BuildInstanceGeneration("주어진 문장을 영어로 번역하세요.", false, korean),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task The_client_charges_what_the_simulator_charges(string name)
    {
        await using var simulator = await LlmSimulatorServer.StartAsync(new SimulatorOptions { TokensPerMinute = 1_000_000 });
        var options = new LlmOptions { Provider = "openai", Endpoint = simulator.OpenAiEndpoint, Deployment = "simulator" };
        using var metrics = new LlmMetrics();
        var client = new ChatLlmClient(
            ChatClientFactory.Create(options),
            new LlmRateLimiter(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System),
            new PriceTable(Microsoft.Extensions.Options.Options.Create(new PricingOptions())),
            metrics,
            TimeProvider.System,
            options.MaxThrottleWait);
        var prompt = Build(name);

        var completion = await client.CompleteAsync(prompt, options.Deployment, CancellationToken.None);

        Assert.Equal(simulator.Stats.Snapshot().QuotaTokens, QuotaCharge.For(prompt));
        Assert.Equal(QuotaCharge.For(prompt), completion.Usage.Timeline!.QuotaTokens.Single());
        Assert.Equal(completion.Usage.PromptTokens, QuotaCharge.EstimatePromptTokens(prompt));
    }
}
