using Microsoft.ML.Tokenizers;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Tests.Prompts;

/// <summary>
/// Prompt caching reuses a prompt's prefix only when it is the same byte for byte, so every stage's static part
/// (system message, header, examples) must come first and be identical across calls, and the varying part last.
/// </summary>
public sealed class PromptPrefixTests
{
    /// <summary>The tokenizer of gpt-4o, gpt-4o-mini, gpt-4.1 and gpt-5, the models Azure OpenAI caches prompts for.</summary>
    private static readonly Tokenizer O200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    /// <summary>The chat template's tokens around one message (start, role, separator, end).</summary>
    private const int MessageFraming = 4;

    private const int CacheMinimum = 1024;

    public static TheoryData<Language, ResponseStyle> Languages() => new()
    {
        { Language.En, ResponseStyle.Text },
        { Language.En, ResponseStyle.Json },
        { Language.Ko, ResponseStyle.Text },
        { Language.Ko, ResponseStyle.Json },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Classification_calls_share_everything_before_the_task(Language code, ResponseStyle style)
    {
        var language = LanguageProfile.For(code);
        var a = SelfInstructPrompts.BuildClassification("Is the number even?", language, style);
        var b = SelfInstructPrompts.BuildClassification("Write a limerick about a cat.", language, style);

        var shared = AssertSharedPrefix(a, b);

        Assert.Equal(TaskLine(a), shared);
        Assert.Contains(PromptCatalog.For(code).ClassificationExamples[^1].Task, a.User[..shared], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Instance_calls_share_everything_before_the_task(Language code, ResponseStyle style)
    {
        var language = LanguageProfile.For(code);
        foreach (var isClassification in new[] { false, true })
        {
            var a = SelfInstructPrompts.BuildInstanceGeneration("Is the number even?", isClassification, language, style);
            var b = SelfInstructPrompts.BuildInstanceGeneration("Write a limerick about a cat.", isClassification, language, style);

            var shared = AssertSharedPrefix(a, b);

            Assert.Equal(TaskLine(a), shared);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Generation_and_batch_calls_share_their_system_message_and_header(Language code, ResponseStyle style)
    {
        var language = LanguageProfile.For(code);
        var set = PromptCatalog.For(code);
        var pairs = new (ChatPrompt A, ChatPrompt B, string Header)[]
        {
            (SelfInstructPrompts.BuildInstructionGeneration(["Name a color.", "Add two numbers."], language, style),
                SelfInstructPrompts.BuildInstructionGeneration(["Plan a trip.", "Sort a list."], language, style), set.InstructionHeader),
            (AlpacaPrompts.BuildTaskGeneration([new SeedTask("a", "Name a color.", [], false)], language, style),
                AlpacaPrompts.BuildTaskGeneration([new SeedTask("b", "Plan a trip.", [], false)], language, style),
                set.AlpacaHeader.Replace(PromptSet.CountPlaceholder, language.AlpacaBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
            (TranslationPrompts.BuildTranslation([new("Name a color.")], language, style),
                TranslationPrompts.BuildTranslation([new("Plan a trip.", "Two days")], language, style), set.TranslationHeader),
            (TranslationPrompts.BuildAnswers([new("Name a color.")], language, style),
                TranslationPrompts.BuildAnswers([new("Plan a trip.", "Two days")], language, style), set.AnswerHeader),
            (QaRewritePrompts.Build([new("Why is the sky blue?", "", "Scattering.")], language, style),
                QaRewritePrompts.Build([new("How do I boil an egg?", "Soft", "Ten minutes.")], language, style), set.QaRewriteHeader),
            (MrcPrompts.Build([new("The sky is blue.", "What color is the sky?", "blue")], language, style),
                MrcPrompts.Build([new("Grass is green.", "What color is grass?", "green")], language, style), set.MrcAnswerHeader),
        };

        foreach (var (a, b, header) in pairs)
        {
            var shared = AssertSharedPrefix(a, b);

            Assert.StartsWith(header + "\n\n", a.User, StringComparison.Ordinal);
            Assert.True(shared >= header.Length + 2, $"{a.Name}: the calls differ inside the header, at {shared}.");
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Classification_prefix_is_long_enough_to_be_cached_and_no_longer_than_the_cache_step_needs(Language code, ResponseStyle style)
    {
        var prompt = SelfInstructPrompts.BuildClassification("Is the number even?", LanguageProfile.For(code), style);

        var prefix = StaticPrefixTokens(prompt, prompt.User.LastIndexOf(PromptMarkers.Task, StringComparison.Ordinal));

        Assert.InRange(prefix, CacheMinimum, CacheMinimum + 128);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Instance_prefixes_stay_well_under_the_cache_minimum_they_are_not_padded_to(Language code, ResponseStyle style)
    {
        foreach (var isClassification in new[] { false, true })
        {
            var prompt = SelfInstructPrompts.BuildInstanceGeneration("Is the number even?", isClassification, LanguageProfile.For(code), style);

            var prefix = StaticPrefixTokens(prompt, prompt.User.LastIndexOf(PromptMarkers.Task, StringComparison.Ordinal));

            Assert.InRange(prefix, 1, CacheMinimum * 2 / 3);
        }
    }

    /// <summary>Where the task of the call begins: after the last <c>Task: </c> label, which is as static as what comes before it.</summary>
    private static int TaskLine(ChatPrompt prompt) => prompt.User.LastIndexOf(PromptMarkers.Task, StringComparison.Ordinal) + PromptMarkers.Task.Length + 1;

    /// <summary>Asserts the two calls send the same system message and returns how many leading characters of their user messages agree.</summary>
    private static int AssertSharedPrefix(ChatPrompt a, ChatPrompt b)
    {
        Assert.Equal(a.Name, b.Name);
        Assert.Equal(a.System, b.System);
        Assert.Equal(a.Output?.Schema, b.Output?.Schema);
        Assert.NotEqual(a.User, b.User);
        return a.User.AsSpan().CommonPrefixLength(b.User);
    }

    private static int StaticPrefixTokens(ChatPrompt prompt, int userStaticLength) =>
        MessageFraming + O200k.CountTokens(prompt.System!) + MessageFraming + O200k.CountTokens(prompt.User[..userStaticLength]);
}
