using System.Text.Json;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Tests.Prompts;

public sealed class AlpacaPromptsTests
{
    private static readonly SeedTask[] Examples =
    [
        new("a", "Convert the temperature\nto Fahrenheit.", [new SeedInstance("25°C", "77°F")], false),
        new("b", "Give three tips for sleeping well.", [new SeedInstance("", "1. Keep a schedule.\n\n2. Skip late coffee.")], false),
        new("c", "Is the review positive or negative?", [new SeedInstance("Loved it.", "Positive"), new SeedInstance("Awful.", "Negative")], true),
    ];

    [Fact]
    public void Task_list_prompt_shows_the_examples_as_complete_items_and_opens_the_next_one()
    {
        var prompt = AlpacaPrompts.BuildTaskGeneration(Examples, LanguageProfile.English);

        Assert.Equal("alpaca-tasks/en", prompt.Name);
        Assert.StartsWith(PromptCatalog.English.AlpacaHeader.Replace("{count}", "20", StringComparison.Ordinal), prompt.User, StringComparison.Ordinal);
        Assert.EndsWith(
            "Item 1\nInstruction: Convert the temperature to Fahrenheit.\nInput: 25°C\nOutput: 77°F\n\n"
            + "Item 2\nInstruction: Give three tips for sleeping well.\nInput: <noinput>\nOutput: 1. Keep a schedule.\n2. Skip late coffee.\n\n"
            + "Item 3\nInstruction: Is the review positive or negative?\nInput: Loved it.\nOutput: Positive\n\n"
            + "Item 4",
            prompt.User,
            StringComparison.Ordinal);
        Assert.Null(prompt.Output);
    }

    [Fact]
    public void Task_list_prompt_uses_alpacas_decoding_and_stops_after_the_batch()
    {
        var english = AlpacaPrompts.BuildTaskGeneration(Examples, LanguageProfile.English).Sampling;
        var korean = AlpacaPrompts.BuildTaskGeneration(Examples, LanguageProfile.Korean).Sampling;

        Assert.Equal((1.0, 1.0, 3072), (english.Temperature, english.TopP, english.MaxTokens));
        Assert.Equal(["\nItem 24"], english.StopSequences);
        Assert.Equal(["\nItem 14"], korean.StopSequences);
        Assert.Equal(4, AlpacaPrompts.FirstNewNumber(AlpacaPrompts.ExampleCount));
    }

    [Fact]
    public void Korean_task_list_prompt_is_written_in_korean_and_asks_for_ten()
    {
        var prompt = AlpacaPrompts.BuildTaskGeneration(Examples, LanguageProfile.Korean, ResponseStyle.Json);

        Assert.Equal("alpaca-tasks/ko", prompt.Name);
        Assert.StartsWith("아래 항목에 이어 AI 비서에게 맡길 새 작업 10개를", prompt.User, StringComparison.Ordinal);
        Assert.Contains("새 작업 10개를 {\"tasks\"", prompt.System, StringComparison.Ordinal);
        Assert.Same(PromptSchemas.AlpacaTasks, prompt.Output);
        Assert.Empty(prompt.Sampling.StopSequences);
        Assert.EndsWith("\n\nItem 4", prompt.User, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_sampler_picks_distinct_tasks_the_same_way_for_the_same_seed()
    {
        var tasks = Enumerable.Range(0, 50).Select(i => new SeedTask($"t{i}", $"Task number {i}", [], false)).ToList();

        var first = TaskExampleSampler.Pick(tasks, 3, seed: 11);
        var again = TaskExampleSampler.Pick(tasks, 3, seed: 11);
        var other = Enumerable.Range(0, 20).Select(seed => TaskExampleSampler.Pick(tasks, 3, seed)).ToList();

        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(first, again);
        Assert.True(other.Select(pick => string.Join(',', pick.Select(t => t.Id))).Distinct().Count() > 15);
        Assert.Equal(2, TaskExampleSampler.Pick(tasks[..2], 3, seed: 1).Count);

        // Activities derive their seed from the run, round and slot, so a retry or a resumed run must see the same examples.
        Assert.Equal(["t49", "t2", "t22"], first.Select(task => task.Id));
        Assert.Equal(["t32", "t0", "t5", "t27", "t24"], TaskExampleSampler.Pick(tasks, 5, seed: 2024).Select(task => task.Id));
    }

    [Fact]
    public void Every_language_fills_the_mode_prompt_texts_and_their_schemas_are_strict()
    {
        foreach (var language in LanguageCodes.All)
        {
            var set = PromptCatalog.For(language);
            Assert.All(
                new[] { set.AlpacaSystem, set.AlpacaHeader, set.AlpacaJsonRequest, set.TranslationSystem, set.TranslationHeader,
                    set.TranslationJsonRequest, set.AnswerSystem, set.AnswerHeader, set.AnswerJsonRequest, set.QaRewriteSystem,
                    set.QaRewriteHeader, set.QaRewriteJsonRequest },
                text => Assert.False(string.IsNullOrWhiteSpace(text)));
            Assert.Contains(PromptSet.CountPlaceholder, set.AlpacaHeader, StringComparison.Ordinal);
            Assert.Contains(PromptSet.CountPlaceholder, set.AlpacaJsonRequest, StringComparison.Ordinal);
        }

        foreach (var schema in new[] { PromptSchemas.AlpacaTasks, PromptSchemas.Translations, PromptSchemas.Answers, PromptSchemas.QaRewrites })
        {
            using var document = JsonDocument.Parse(schema.Schema);
            var root = document.RootElement;
            Assert.False(root.GetProperty("additionalProperties").GetBoolean());
            var item = root.GetProperty("properties").EnumerateObject().Single().Value.GetProperty("items");
            Assert.Equal(
                item.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(),
                item.GetProperty("required").EnumerateArray().Select(p => p.GetString()).Order());
        }
    }
}
