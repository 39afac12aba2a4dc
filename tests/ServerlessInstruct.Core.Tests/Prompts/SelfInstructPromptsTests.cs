using System.Text.Json;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;

namespace ServerlessInstruct.Core.Tests.Prompts;

public sealed class SelfInstructPromptsTests
{
    private static readonly string[] Examples =
    [
        "Give three tips for staying healthy.",
        "Translate the sentence\ninto   French:",
        "What is the capital of Peru?",
        "Sort the numbers in ascending order.",
        "  Summarize the article in one sentence.  ",
        "Is the review positive or negative? :",
        "Suggest a name for a coffee shop.",
        "Explain recursion to a child.",
    ];

    [Fact]
    public void Instruction_prompt_numbers_the_cleaned_examples_and_ends_with_the_next_number()
    {
        var prompt = SelfInstructPrompts.BuildInstructionGeneration(Examples, LanguageProfile.English);

        var lines = prompt.User.Split('\n');
        Assert.Equal("9.", lines[^1]);
        Assert.Equal(
            [
                "1. Give three tips for staying healthy.",
                "2. Translate the sentence into French",
                "3. What is the capital of Peru?",
                "4. Sort the numbers in ascending order.",
                "5. Summarize the article in one sentence.",
                "6. Is the review positive or negative?",
                "7. Suggest a name for a coffee shop.",
                "8. Explain recursion to a child.",
            ],
            lines[^9..^1]);
        Assert.Equal("instruction-generation/en", prompt.Name);
        Assert.Null(prompt.Output);
    }

    [Fact]
    public void Instruction_prompt_uses_the_self_instruct_sampling_constants()
    {
        var sampling = SelfInstructPrompts.BuildInstructionGeneration(Examples, LanguageProfile.English).Sampling;

        Assert.Equal(0.7, sampling.Temperature);
        Assert.Equal(0.5, sampling.TopP);
        Assert.Equal(2, sampling.PresencePenalty);
        Assert.Equal(1024, sampling.MaxTokens);
        Assert.Equal(["\n\n", "\n16", "16.", "16 ."], sampling.StopSequences);
    }

    [Fact]
    public void Json_variant_keeps_the_user_message_and_asks_for_json_with_a_schema()
    {
        var text = SelfInstructPrompts.BuildInstructionGeneration(Examples, LanguageProfile.English);
        var json = SelfInstructPrompts.BuildInstructionGeneration(Examples, LanguageProfile.English, ResponseStyle.Json);

        Assert.Equal(text.User, json.User);
        Assert.Same(PromptSchemas.Instructions, json.Output);
        Assert.Contains("up to 7 new tasks", json.System, StringComparison.Ordinal);
        Assert.Empty(json.Sampling.StopSequences);
        Assert.Equal(text.Sampling.Temperature, json.Sampling.Temperature);
    }

    [Fact]
    public void Instruction_prompt_with_fewer_examples_continues_from_the_right_number()
    {
        var prompt = SelfInstructPrompts.BuildInstructionGeneration(Examples[..3], LanguageProfile.English, ResponseStyle.Json);

        Assert.EndsWith("3. What is the capital of Peru?\n4.", prompt.User, StringComparison.Ordinal);
        Assert.Equal(12, SelfInstructPrompts.MaxNewInstructions(3));
        Assert.Contains("up to 12 new tasks", prompt.System, StringComparison.Ordinal);
    }

    [Fact]
    public void Korean_instruction_prompt_is_written_in_korean_with_the_same_layout()
    {
        string[] korean = ["건강을 지키는 방법 세 가지를 알려 주세요.", "다음 문장을 영어로 번역하세요."];

        var prompt = SelfInstructPrompts.BuildInstructionGeneration(korean, LanguageProfile.Korean);

        Assert.Equal("instruction-generation/ko", prompt.Name);
        Assert.StartsWith(PromptCatalog.Korean.InstructionHeader, prompt.User, StringComparison.Ordinal);
        Assert.Contains("한국어", prompt.System, StringComparison.Ordinal);
        Assert.EndsWith("1. 건강을 지키는 방법 세 가지를 알려 주세요.\n2. 다음 문장을 영어로 번역하세요.\n3.", prompt.User, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.En, 51, 20)]
    [InlineData(Language.Ko, 41, 16)]
    public void Classification_prompt_lists_every_example_and_ends_with_the_task_and_the_cue(Language language, int examples, int yes)
    {
        var prompt = SelfInstructPrompts.BuildClassification("Decide whether the tweet\nis sarcastic.", LanguageProfile.For(language));
        var code = LanguageCodes.Name(language);

        var set = PromptCatalog.For(language);
        Assert.Equal(examples, set.ClassificationExamples.Count);
        Assert.Equal(yes, set.ClassificationExamples.Count(example => example.IsClassification));
        Assert.Equal(examples, set.ClassificationExamples.Select(example => example.Task).Distinct().Count());
        Assert.EndsWith("Task: Decide whether the tweet is sarcastic.\nIs it classification?", prompt.User, StringComparison.Ordinal);
        Assert.Equal(yes, CountOccurrences(prompt.User, "Is it classification? Yes\n"));
        Assert.Equal(examples - yes, CountOccurrences(prompt.User, "Is it classification? No\n"));
        Assert.Equal($"classification/{code}", prompt.Name);
    }

    [Fact]
    public void Classification_prompt_is_greedy_and_short()
    {
        var text = SelfInstructPrompts.BuildClassification("Is the number even?", LanguageProfile.English);
        var json = SelfInstructPrompts.BuildClassification("Is the number even?", LanguageProfile.English, ResponseStyle.Json);

        Assert.Equal(0, text.Sampling.Temperature);
        Assert.Equal(3, text.Sampling.MaxTokens);
        Assert.Same(PromptSchemas.Classification, json.Output);
        Assert.True(json.Sampling.MaxTokens > 3);
    }

    [Fact]
    public void Instance_prompt_for_a_regular_task_is_input_first()
    {
        var prompt = SelfInstructPrompts.BuildInstanceGeneration("Convert the distance from miles to kilometers.", false, LanguageProfile.English);

        Assert.Equal("instances-input-first/en", prompt.Name);
        Assert.Contains("Example 1\nInput: 25°C\nOutput: 77°F\nExample 2\n", prompt.User, StringComparison.Ordinal);
        Assert.Contains("Task: Give three tips for falling asleep faster.\nExample 1\nOutput: 1.", prompt.User, StringComparison.Ordinal);
        Assert.DoesNotContain(PromptMarkers.ClassLabel, prompt.User, StringComparison.Ordinal);
        Assert.EndsWith("\n\nTask: Convert the distance from miles to kilometers.", prompt.User, StringComparison.Ordinal);
        Assert.Equal(350, prompt.Sampling.MaxTokens);
        Assert.Equal(1.5, prompt.Sampling.PresencePenalty);
        Assert.Equal(0, prompt.Sampling.Temperature);
        Assert.Equal(["Example 6", "Task:"], prompt.Sampling.StopSequences);
    }

    [Fact]
    public void Instance_prompt_for_a_classification_task_is_output_first()
    {
        var prompt = SelfInstructPrompts.BuildInstanceGeneration("Is the sentence in the past tense?", true, LanguageProfile.English);

        Assert.Equal("instances-output-first/en", prompt.Name);
        Assert.Contains("Example 1\nClass label: Positive\nInput: The blender", prompt.User, StringComparison.Ordinal);
        Assert.DoesNotContain(PromptMarkers.Output, prompt.User, StringComparison.Ordinal);
        Assert.EndsWith("Task: Is the sentence in the past tense?", prompt.User, StringComparison.Ordinal);
        Assert.Equal(300, prompt.Sampling.MaxTokens);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Korean_instance_prompts_keep_the_english_markers(bool isClassification)
    {
        var prompt = SelfInstructPrompts.BuildInstanceGeneration("두 문장이 같은 뜻인지 판단하세요.", isClassification, LanguageProfile.Korean);

        Assert.Contains("Example 2\n", prompt.User, StringComparison.Ordinal);
        Assert.Contains(isClassification ? "Class label: 긍정\nInput: " : "Input: 케냐\nOutput: 나이로비\n", prompt.User, StringComparison.Ordinal);
        Assert.EndsWith("Task: 두 문장이 같은 뜻인지 판단하세요.", prompt.User, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_instance_prompts_name_the_schema_of_their_order()
    {
        var inputFirst = SelfInstructPrompts.BuildInstanceGeneration("Name a fruit of the given color.", false, LanguageProfile.English, ResponseStyle.Json);
        var outputFirst = SelfInstructPrompts.BuildInstanceGeneration("Is the fruit sweet or sour?", true, LanguageProfile.English, ResponseStyle.Json);

        Assert.Same(PromptSchemas.InputFirstInstances, inputFirst.Output);
        Assert.Same(PromptSchemas.OutputFirstInstances, outputFirst.Output);
        Assert.Empty(inputFirst.Sampling.StopSequences);
    }

    [Fact]
    public void Schemas_are_strict_json_schemas()
    {
        foreach (var schema in new[] { PromptSchemas.Instructions, PromptSchemas.Classification, PromptSchemas.InputFirstInstances, PromptSchemas.OutputFirstInstances })
        {
            using var document = JsonDocument.Parse(schema.Schema);
            Assert.Equal("object", document.RootElement.GetProperty("type").GetString());
            Assert.False(document.RootElement.GetProperty("additionalProperties").GetBoolean());
            Assert.Matches("^[a-z_]+$", schema.SchemaName);
        }
    }

    [Fact]
    public void Every_language_fills_every_prompt_text()
    {
        foreach (var language in LanguageCodes.All)
        {
            var set = PromptCatalog.For(language);
            Assert.Equal(LanguageCodes.Name(language), set.Language);
            Assert.All(
                new[] { set.InstructionSystem, set.InstructionHeader, set.InstructionJsonRequest, set.ClassificationSystem, set.ClassificationHeader,
                    set.ClassificationJsonRequest, set.InstanceSystem, set.InputFirstHeader, set.InputFirstJsonRequest, set.OutputFirstHeader, set.OutputFirstJsonRequest },
                text => Assert.False(string.IsNullOrWhiteSpace(text)));
            Assert.Contains(PromptSet.CountPlaceholder, set.InstructionJsonRequest, StringComparison.Ordinal);
            Assert.Equal(PromptCatalog.English.InputFirstDemonstrations.Count, set.InputFirstDemonstrations.Count);
            Assert.Equal(PromptCatalog.English.OutputFirstDemonstrations.Count, set.OutputFirstDemonstrations.Count);
        }
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
