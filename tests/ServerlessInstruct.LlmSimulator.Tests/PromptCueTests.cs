using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>
/// The pipeline's own plain-text prompts, as the core builds them, are answered in the shape they ask for: the
/// simulator reads the cues the prompts define (<see cref="PromptMarkers"/>), so a prompt changed without the
/// simulator, or the other way round, fails here rather than somewhere deep in a pipeline run.
/// </summary>
public sealed class PromptCueTests
{
    public static TheoryData<Language> Languages => [Language.En, Language.Ko];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_classification_prompt_is_answered_yes_or_no(Language language)
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 11 });
        var prompt = SelfInstructPrompts.BuildClassification("Tell whether the review below is positive or negative.", LanguageProfile.For(language));

        var reply = (await RawHttp.ChatAsync(server, prompt.User)).Content.Trim();

        Assert.Contains(reply, new[] { PromptMarkers.Yes, PromptMarkers.No });
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_instance_prompt_is_answered_with_labelled_examples(Language language)
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 11 });
        var prompt = SelfInstructPrompts.BuildInstanceGeneration("Summarize the paragraph in one sentence.", isClassification: false, LanguageProfile.For(language));

        var reply = (await RawHttp.ChatAsync(server, prompt.User)).Content;

        Assert.Contains(PromptMarkers.Output, reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_prompt_is_answered_item_by_item_with_the_fields_it_names()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 11 });
        var prompt = TranslationPrompts.BuildTranslation(
            [new InstructionItem("Name three rivers in Europe.", string.Empty), new InstructionItem("Rewrite the sentence politely.", "Send it now.")],
            LanguageProfile.Korean);

        var reply = (await RawHttp.ChatAsync(server, prompt.User)).Content;

        Assert.Contains($"{PromptMarkers.Item} 1", reply, StringComparison.Ordinal);
        Assert.Contains($"{PromptMarkers.Item} 2", reply, StringComparison.Ordinal);
        Assert.Contains(PromptMarkers.Instruction, reply, StringComparison.Ordinal);
    }
}
