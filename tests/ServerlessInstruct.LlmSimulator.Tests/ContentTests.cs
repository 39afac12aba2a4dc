using System.Text.Json;
using System.Text.RegularExpressions;
using OpenAI.Chat;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>What the simulator writes: cue-shaped answers and the configured shares of weak instructions.</summary>
public sealed partial class ContentTests
{
    private const string InstructionsSchema = """
        {
          "type": "object",
          "properties": { "instructions": { "type": "array", "items": { "type": "string" }, "minItems": 5, "maxItems": 7 } },
          "required": ["instructions"],
          "additionalProperties": false
        }
        """;

    [Fact]
    public async Task A_trailing_list_number_is_continued_and_stop_sequences_end_the_list()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { MaxListItems = 10 });
        var numbers = new List<int[]>();
        for (int variant = 0; variant < 10; variant++)
        {
            string content = (await RawHttp.ChatAsync(server, Prompts.Shuffled(Prompts.EnglishExamples, variant), stop: ["\n\n", "\n16", "16."])).Content;
            numbers.Add(content.Split('\n').Select(line => int.Parse(ListNumber().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }

        Assert.All(numbers, list =>
        {
            Assert.Equal(9, list[0]);
            Assert.Equal(Enumerable.Range(9, list.Length), list);
            Assert.True(list[^1] <= 15, $"list ran to {list[^1]}");
        });
        // With up to 12 items from 9, some lists would run past 15 without the stop sequence.
        Assert.Contains(numbers, list => list[^1] == 15);
    }

    [Fact]
    public async Task Without_stop_sequences_a_list_may_run_on_with_a_closing_remark()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { MaxListItems = 10 });
        var contents = new List<string>();
        for (int variant = 0; variant < 12; variant++)
        {
            contents.Add((await RawHttp.ChatAsync(server, Prompts.Shuffled(Prompts.EnglishExamples, variant))).Content);
        }

        Assert.Contains(contents, c => c.Contains("\n\n", StringComparison.Ordinal));
        Assert.Contains(contents, c => c.Contains("\n16. ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_classification_cue_gets_Yes_mostly_for_classification_tasks()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 2 });
        string[] classifying = Enumerable.Range(0, 20).Select(i => $"Classify review {i} as positive or negative.").ToArray();
        string[] generative = Enumerable.Range(0, 20).Select(i => $"Compose a story number {i} about a dragon.").ToArray();

        string[] forClassifying = await Task.WhenAll(classifying.Select(async t => (await RawHttp.ChatAsync(server, Prompts.Classification(t))).Content));
        string[] forGenerative = await Task.WhenAll(generative.Select(async t => (await RawHttp.ChatAsync(server, Prompts.Classification(t))).Content));

        Assert.All(forClassifying.Concat(forGenerative), answer => Assert.Contains(answer, new[] { "Yes", "No" }));
        Assert.True(forClassifying.Count(a => a == "Yes") >= 13, string.Join(",", forClassifying));
        Assert.True(forGenerative.Count(a => a == "Yes") <= 7, string.Join(",", forGenerative));
    }

    [Fact]
    public async Task Input_output_examples_get_Example_blocks_in_the_same_shape()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 6 });

        string inputFirst = (await RawHttp.ChatAsync(server, Prompts.InputFirstInstances)).Content;
        string outputFirst = (await RawHttp.ChatAsync(server, Prompts.OutputFirstInstances)).Content;

        string[] blocks = inputFirst.Split("\n\n");
        Assert.All(blocks.Select((block, i) => (block, i)), b =>
        {
            string[] lines = b.block.Split('\n');
            Assert.Equal($"Example {b.i + 1}", lines[0]);
            Assert.StartsWith("Output: ", lines[^1], StringComparison.Ordinal);
        });
        Assert.All(outputFirst.Split("\n\n"), block =>
        {
            string[] lines = block.Split('\n');
            Assert.Matches("^Class label: (spam|not spam)$", lines[1]);
            Assert.StartsWith("Input: ", lines[2], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_Korean_prompt_gets_Korean_text_and_Korean_instructions()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 8 });
        string prompt = Prompts.NumberedList(Prompts.KoreanExamples, header: "새로운 작업 목록을 만들어 보세요:");

        string plain = (await RawHttp.ChatAsync(server, prompt)).Content;
        ChatCompletion structured = (await Clients.OpenAi(server).CompleteChatAsync(Clients.User(prompt), new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("instructions", BinaryData.FromString(InstructionsSchema)),
        })).Value;
        using JsonDocument json = JsonDocument.Parse(structured.Content[0].Text);

        Assert.StartsWith("9. ", plain, StringComparison.Ordinal);
        Assert.True(HangulShare(plain) > 0.8, plain);
        Assert.All(json.RootElement.GetProperty("instructions").EnumerateArray(), i => Assert.True(HangulShare(i.GetString()!) > 0.8, i.GetString()));
        // One token per Hangul syllable: the usage reflects the script.
        Assert.True(structured.Usage.OutputTokenCount >= Regex.Count(structured.Content[0].Text, "[가-힣]"));
    }

    [Fact]
    public async Task Near_copy_share_of_one_makes_every_instruction_a_near_duplicate_of_an_example()
    {
        string[] instructions = await InstructionsAsync(new SimulatorOptions { NearCopyShare = 1, BlacklistShare = 0, TooShortShare = 0, WriteProgramShare = 0 });

        Assert.All(instructions, i => Assert.True(Prompts.EnglishExamples.Max(e => RougeL.F1(i, e)) > 0.7, i));
    }

    [Fact]
    public async Task Blacklist_share_of_one_puts_a_blacklisted_word_in_every_instruction()
    {
        string[] instructions = await InstructionsAsync(new SimulatorOptions { NearCopyShare = 0, BlacklistShare = 1, TooShortShare = 0, WriteProgramShare = 0 });

        Assert.All(instructions, i => Assert.Matches(Blacklisted(), i));
    }

    [Fact]
    public async Task Too_tooShortand_write_a_program_shares_shape_every_instruction()
    {
        string[] tooShort = await InstructionsAsync(new SimulatorOptions { NearCopyShare = 0, BlacklistShare = 0, TooShortShare = 1, WriteProgramShare = 0 });
        string[] programs = await InstructionsAsync(new SimulatorOptions { NearCopyShare = 0, BlacklistShare = 0, TooShortShare = 0, WriteProgramShare = 1 });

        Assert.All(tooShort, i => Assert.InRange(i.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 1, 3));
        Assert.All(programs, i => Assert.StartsWith("Write a program", i, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_no_defect_shares_instructions_are_new_long_enough_and_clean()
    {
        string[] instructions = await InstructionsAsync(new SimulatorOptions { NearCopyShare = 0, BlacklistShare = 0, TooShortShare = 0, WriteProgramShare = 0 });

        Assert.True(instructions.Length >= 50, $"{instructions.Length} instructions");
        Assert.All(instructions, i =>
        {
            Assert.DoesNotMatch(Blacklisted(), i);
            Assert.True(i.Split(' ').Length > 3, i);
            Assert.False(i.StartsWith("Write a program", StringComparison.Ordinal), i);
        });
        double nearCopies = instructions.Count(i => Prompts.EnglishExamples.Max(e => RougeL.F1(i, e)) > 0.7) / (double)instructions.Length;
        Assert.True(nearCopies < 0.05, $"near-copy rate {nearCopies:P1}");
        double repeats = 1 - (instructions.Distinct().Count() / (double)instructions.Length);
        Assert.True(repeats < 0.05, $"repeat rate {repeats:P1}");
    }

    [Fact]
    public async Task Default_shares_give_a_mix_of_good_and_weak_instructions()
    {
        string[] instructions = await InstructionsAsync(new SimulatorOptions());

        int nearCopies = instructions.Count(i => Prompts.EnglishExamples.Max(e => RougeL.F1(i, e)) > 0.7);
        int blacklisted = instructions.Count(i => Blacklisted().IsMatch(i));
        Assert.InRange(nearCopies, 1, instructions.Length / 4);
        Assert.InRange(blacklisted, 1, instructions.Length / 6);
    }

    [Fact]
    public async Task Structured_input_first_instances_leave_the_input_empty_for_some_tasks_as_plain_text_does()
    {
        const string InstancesSchema = """
            {"type":"object","properties":{"instances":{"type":"array","items":{"type":"object","properties":{"input":{"type":"string"},"output":{"type":"string"}},"required":["input","output"],"additionalProperties":false}}},"required":["instances"],"additionalProperties":false}
            """;
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 4 });
        ChatClient client = Clients.OpenAi(server);
        var format = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("instances", BinaryData.FromString(InstancesSchema)),
        };
        string[] topics = ["honeybees", "rainforests", "volcanoes", "tides", "glaciers", "deserts", "coral reefs", "comets", "tea", "bridges"];

        var tasks = new List<string[]>();
        foreach (string topic in topics.Concat(topics.Select(t => "the history of " + t)))
        {
            string prompt = Prompts.InputFirstInstances.Replace("Summarize the paragraph in one sentence.", $"Give advice about {topic} for a beginner.", StringComparison.Ordinal);
            ChatCompletion completion = (await client.CompleteChatAsync(Clients.User(prompt), format)).Value;
            using JsonDocument json = JsonDocument.Parse(completion.Content[0].Text);
            tasks.Add([.. json.RootElement.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("input").GetString()!)]);
        }

        // A task needs an input for all its examples or for none.
        Assert.All(tasks, inputs => Assert.True(inputs.All(i => i.Length == 0) || inputs.All(i => i.Length > 0)));
        Assert.InRange(tasks.Count(inputs => inputs.All(i => i.Length == 0)), 1, tasks.Count / 2);
    }

    /// <summary>The instructions of twelve structured generation answers to differently ordered prompts.</summary>
    private static async Task<string[]> InstructionsAsync(SimulatorOptions options)
    {
        await using var server = await LlmSimulatorServer.StartAsync(options with { Seed = 12 });
        ChatClient client = Clients.OpenAi(server);
        var format = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("instructions", BinaryData.FromString(InstructionsSchema)),
        };
        var instructions = new List<string>();
        for (int variant = 0; variant < 12; variant++)
        {
            ChatCompletion completion = (await client.CompleteChatAsync(Clients.User(Prompts.Shuffled(Prompts.EnglishExamples, variant)), format)).Value;
            using JsonDocument json = JsonDocument.Parse(completion.Content[0].Text);
            instructions.AddRange(json.RootElement.GetProperty("instructions").EnumerateArray().Select(i => i.GetString()!));
        }

        return [.. instructions];
    }

    private static double HangulShare(string text)
    {
        int letters = text.Count(char.IsLetter);
        return letters == 0 ? 0 : text.Count(c => c is >= '가' and <= '힣') / (double)letters;
    }

    [GeneratedRegex(@"^(\d+)\. \S")]
    private static partial Regex ListNumber();

    [GeneratedRegex(@"\b(images?|graphs?|pictures?|files?|maps?|draw|plot|go to|video|audio|music|flowchart|diagram)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Blacklisted();
}
