using System.Text.Json;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;

namespace ServerlessInstruct.Core.Tests.Judging;

public sealed class JudgePromptsTests
{
    private static readonly JudgeItem[] Items =
    [
        new("Name three rivers in Europe.", string.Empty, "The Danube, the Rhine and the Loire."),
        new("Summarize the answer.", "Why is the sky blue?", "Air scatters blue light more than red light.", "Why is the sky blue?\nRayleigh scattering of sunlight."),
    ];

    [Fact]
    public void A_judge_prompt_lists_every_record_with_its_source_and_names_the_fields_asked_for()
    {
        var prompt = JudgePrompts.Build(Items, LanguageProfile.English, safety: true);

        Assert.Equal("judge/en", prompt.Name);
        Assert.StartsWith(PromptCatalog.English.JudgeHeader, prompt.User, StringComparison.Ordinal);
        Assert.Contains(PromptCatalog.English.JudgeSafetyRequest, prompt.User, StringComparison.Ordinal);
        Assert.Contains(PromptCatalog.English.JudgeGroundingRequest, prompt.User, StringComparison.Ordinal);
        Assert.EndsWith(
            "Item 1\nInstruction: Name three rivers in Europe.\nInput: <noinput>\nOutput: The Danube, the Rhine and the Loire.\n\n"
            + "Item 2\nInstruction: Summarize the answer.\nInput: Why is the sky blue?\nOutput: Air scatters blue light more than red light.\n"
            + "Source: Why is the sky blue?\nRayleigh scattering of sunlight.\n\n"
            + "Reply fields: Score, Reason, Safety, Grounded",
            prompt.User,
            StringComparison.Ordinal);
        Assert.Equal(0, prompt.Sampling.Temperature);
    }

    [Fact]
    public void Without_safety_or_sources_the_prompt_asks_for_score_and_reason_only()
    {
        var prompt = JudgePrompts.Build(Items[..1], LanguageProfile.Korean, safety: false, ResponseStyle.Json);

        Assert.Equal("judge/ko", prompt.Name);
        Assert.DoesNotContain(PromptCatalog.Korean.JudgeSafetyRequest, prompt.User, StringComparison.Ordinal);
        Assert.DoesNotContain(PromptCatalog.Korean.JudgeGroundingRequest, prompt.User, StringComparison.Ordinal);
        Assert.EndsWith("Reply fields: Score, Reason", prompt.User, StringComparison.Ordinal);
        Assert.Contains("한국어", prompt.User, StringComparison.Ordinal);
        Assert.Equal(0, prompt.Sampling.Temperature);
        Assert.Empty(prompt.Sampling.StopSequences);

        using var schema = JsonDocument.Parse(prompt.Output!.Schema);
        var item = schema.RootElement.GetProperty("properties").GetProperty("items").GetProperty("items");
        Assert.Equal(["id", "score", "reason"], item.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([1, 2, 3, 4, 5], item.GetProperty("properties").GetProperty("score").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Theory]
    [InlineData(true, true, new[] { "id", "score", "reason", "safety", "grounded" })]
    [InlineData(true, false, new[] { "id", "score", "reason", "safety" })]
    [InlineData(false, true, new[] { "id", "score", "reason", "grounded" })]
    public void The_verdict_schema_is_strict_and_requires_exactly_the_fields_asked_for(bool safety, bool grounding, string[] fields)
    {
        using var schema = JsonDocument.Parse(PromptSchemas.Verdicts(safety, grounding).Schema);
        var item = schema.RootElement.GetProperty("properties").GetProperty("items").GetProperty("items");

        Assert.Equal(fields, item.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(fields, item.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(item.GetProperty("additionalProperties").GetBoolean());
        if (safety)
        {
            Assert.Equal(SafetyCategories.All, item.GetProperty("properties").GetProperty("safety").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
        }
    }

    [Fact]
    public void The_judge_reserves_tokens_for_every_item_it_is_given()
    {
        var few = JudgePrompts.Build(Items, LanguageProfile.English, safety: true).Sampling.MaxTokens;
        var many = JudgePrompts.Build([.. Enumerable.Repeat(Items[0], 40)], LanguageProfile.English, safety: true).Sampling.MaxTokens;

        Assert.Equal(256, few);
        Assert.Equal(40 * (ModeSampling.JudgeTokensPerItem + ModeSampling.ItemOverheadTokens), many);
    }
}
