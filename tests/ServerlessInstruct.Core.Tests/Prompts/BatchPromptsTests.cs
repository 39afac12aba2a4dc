using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;

namespace ServerlessInstruct.Core.Tests.Prompts;

public sealed class BatchPromptsTests
{
    private static readonly InstructionItem[] Items =
    [
        new("Summarize the   paragraph\nin one sentence.", "The library opens at nine.\n\nIt closes at five."),
        new("Name three rivers in Europe."),
    ];

    [Fact]
    public void Translation_prompt_lists_the_items_and_names_the_reply_fields()
    {
        var prompt = TranslationPrompts.BuildTranslation(Items, LanguageProfile.Korean);

        Assert.Equal("translation/ko", prompt.Name);
        Assert.StartsWith(PromptCatalog.Korean.TranslationHeader, prompt.User, StringComparison.Ordinal);
        Assert.Contains("한국어로", prompt.User, StringComparison.Ordinal);
        Assert.EndsWith(
            "Item 1\nInstruction: Summarize the paragraph in one sentence.\nInput: The library opens at nine.\nIt closes at five.\n\n"
            + "Item 2\nInstruction: Name three rivers in Europe.\nInput: <noinput>\n\n"
            + "Reply fields: Instruction, Input",
            prompt.User,
            StringComparison.Ordinal);
        Assert.Equal(0, prompt.Sampling.Temperature);
        Assert.Equal(["\nItem 3"], prompt.Sampling.StopSequences);
    }

    [Fact]
    public void Batch_token_budgets_grow_with_the_batch_within_bounds()
    {
        var one = TranslationPrompts.BuildTranslation(Items[..1], LanguageProfile.Korean).Sampling.MaxTokens;
        var ten = TranslationPrompts.BuildTranslation(Enumerable.Repeat(Items[0], 10).ToList(), LanguageProfile.Korean).Sampling.MaxTokens;
        var answers = TranslationPrompts.BuildAnswers(Enumerable.Repeat(Items[1], 10).ToList(), LanguageProfile.Korean).Sampling.MaxTokens;
        var huge = TranslationPrompts.BuildAnswers(Enumerable.Repeat(Items[1], 100).ToList(), LanguageProfile.English).Sampling.MaxTokens;

        Assert.Equal(256, one);
        Assert.True(ten > one);
        Assert.Equal(10 * (ModeSampling.AnswerTokensPerItem + ModeSampling.ItemOverheadTokens), answers);
        Assert.Equal(ModeSampling.MaxBatchTokens, huge);
    }

    [Fact]
    public void Answer_prompt_asks_for_outputs_in_the_runs_language()
    {
        var english = TranslationPrompts.BuildAnswers(Items, LanguageProfile.English);
        var korean = TranslationPrompts.BuildAnswers(Items, LanguageProfile.Korean, ResponseStyle.Json);

        Assert.Equal("answers/en", english.Name);
        Assert.EndsWith("Input: <noinput>\n\nReply fields: Output", english.User, StringComparison.Ordinal);
        Assert.Equal("answers/ko", korean.Name);
        Assert.Contains("한국어로", korean.System, StringComparison.Ordinal);
        Assert.Same(PromptSchemas.Answers, korean.Output);
        Assert.Empty(korean.Sampling.StopSequences);
    }

    [Fact]
    public void Rewrite_prompt_shows_question_details_and_answer()
    {
        QuestionAnswerItem[] items =
        [
            new("감기에 걸렸을 때 샤워해도 되나요?", "", "미지근한 물로 짧게 하는 것은 괜찮습니다."),
            new("How do I reset my router?", "It keeps dropping\nthe connection.", "Hold the reset button for ten seconds."),
        ];

        var prompt = QaRewritePrompts.Build(items, LanguageProfile.Korean);

        Assert.Equal("qa-rewrite/ko", prompt.Name);
        Assert.EndsWith(
            "Item 1\nQuestion: 감기에 걸렸을 때 샤워해도 되나요?\nAnswer: 미지근한 물로 짧게 하는 것은 괜찮습니다.\n\n"
            + "Item 2\nQuestion: How do I reset my router?\nDetails: It keeps dropping\nthe connection.\nAnswer: Hold the reset button for ten seconds.\n\n"
            + "Reply fields: Instruction, Output",
            prompt.User,
            StringComparison.Ordinal);
        Assert.Equal(0.3, prompt.Sampling.Temperature);
    }
}
