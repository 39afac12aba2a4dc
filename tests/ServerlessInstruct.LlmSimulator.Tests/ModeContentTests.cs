using System.Text.Json;
using System.Text.RegularExpressions;
using OpenAI.Chat;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>The simulator's answers to the Alpaca task-list prompt and the KoAlpaca batch prompts, plain and structured.</summary>
public sealed partial class ModeContentTests
{
    private const string TranslationSchema = """
        {"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"instruction":{"type":"string"},"input":{"type":"string"}},"required":["id","instruction","input"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}
        """;

    private const string TasksSchema = """
        {"type":"object","properties":{"tasks":{"type":"array","items":{"type":"object","properties":{"instruction":{"type":"string"},"input":{"type":"string"},"output":{"type":"string"}},"required":["instruction","input","output"],"additionalProperties":false}}},"required":["tasks"],"additionalProperties":false}
        """;

    [Fact]
    public async Task A_trailing_item_heading_is_continued_with_complete_tasks_until_the_stop_item()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 3 });
        var replies = new List<string>();
        for (int variant = 0; variant < 8; variant++)
        {
            replies.Add((await RawHttp.ChatAsync(server, TaskListPrompt(variant), stop: ["\nItem 14"])).Content);
        }

        Assert.All(replies, reply =>
        {
            Assert.StartsWith("\nInstruction: ", reply, StringComparison.Ordinal);
            var headings = ItemHeading().Matches(reply).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(5, headings.Count), headings);
            Assert.True(headings.Count == 0 || headings[^1] <= 13, $"ran to item {headings.LastOrDefault()}");
            Assert.Equal(headings.Count + 1, Regex.Count(reply, "^Output: ", RegexOptions.Multiline));
        });
        // Up to 11 tasks from item 4: the stop sequence has to cut some lists, and most tasks take no input.
        Assert.Contains(replies, reply => reply.Contains("Item 13\n", StringComparison.Ordinal));
        var inputs = replies.SelectMany(r => Regex.Matches(r, "^Input: (.*)$", RegexOptions.Multiline)).Select(m => m.Groups[1].Value).ToList();
        Assert.InRange(inputs.Count(i => i == "<noinput>") / (double)inputs.Count, 0.4, 0.8);
    }

    [Fact]
    public async Task A_batch_prompt_gets_the_named_fields_for_its_items_in_the_prompts_target_language()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 5 });

        string reply = (await RawHttp.ChatAsync(server, BatchPrompt("아래 항목을 자연스러운 한국어로 번역하세요.", 6, "Instruction, Input"))).Content;

        var blocks = reply.Split("\n\n");
        Assert.InRange(blocks.Length, 5, 6);
        Assert.All(blocks, block =>
        {
            var lines = block.Split('\n');
            int number = int.Parse(lines[0]["Item ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith("Instruction: ", lines[1], StringComparison.Ordinal);
            Assert.StartsWith("Input: ", lines[2], StringComparison.Ordinal);
            // Odd items have an input in the prompt; even ones carry none into the reply.
            Assert.Equal(number % 2 == 0, lines[2] == "Input: <noinput>");
        });
        Assert.True(Regex.Count(reply, "[가-힣]") > Regex.Count(reply, "[A-Za-z]"), reply);
    }

    [Fact]
    public async Task A_prompt_into_English_is_answered_in_English_whatever_its_items_are_written_in()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 5 });

        string reply = (await RawHttp.ChatAsync(server, BatchPrompt("Answer each instruction in English.", 3, "Output", korean: true))).Content;

        Assert.Equal(3, Regex.Count(reply, "^Output: ", RegexOptions.Multiline));
        Assert.DoesNotMatch("[가-힣]", reply.Replace("Item", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Structured_batch_replies_number_their_entries_by_item_and_keep_inputs_only_where_there_were_some()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 9 });
        using JsonDocument schema = JsonDocument.Parse(TranslationSchema);

        ChatCompletion completion = (await Clients.OpenAi(server).CompleteChatAsync(
            Clients.User(BatchPrompt("아래 항목을 자연스러운 한국어로 번역하세요.", 10, "Instruction, Input")),
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("translations", BinaryData.FromString(TranslationSchema)) })).Value;
        using JsonDocument json = JsonDocument.Parse(completion.Content[0].Text);

        Assert.Empty(SchemaValidator.Validate(json.RootElement, schema.RootElement));
        var entries = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(entries.Count, 8, 10);
        var ids = entries.Select(e => e.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.All(ids, id => Assert.InRange(id, 1, 10));
        Assert.All(entries, e => Assert.Equal(e.GetProperty("id").GetInt32() % 2 == 0, e.GetProperty("input").GetString() == ""));
    }

    [Fact]
    public async Task Structured_task_lists_leave_most_inputs_empty()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 4, MaxListItems = 10 });
        var inputs = new List<string>();
        for (int variant = 0; variant < 6; variant++)
        {
            ChatCompletion completion = (await Clients.OpenAi(server).CompleteChatAsync(
                Clients.User(TaskListPrompt(variant)),
                new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("tasks", BinaryData.FromString(TasksSchema)) })).Value;
            using JsonDocument json = JsonDocument.Parse(completion.Content[0].Text);
            inputs.AddRange(json.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("input").GetString()!));
        }

        Assert.InRange(inputs.Count(i => i.Length == 0) / (double)inputs.Count, 0.4, 0.8);
    }

    private static string TaskListPrompt(int variant) =>
        $"Continue the items below with 10 new tasks (variant {variant}).\n\n"
        + "Item 1\nInstruction: Convert the temperature to Fahrenheit.\nInput: 25°C\nOutput: 77°F\n\n"
        + "Item 2\nInstruction: Give three tips for sleeping well.\nInput: <noinput>\nOutput: Keep a schedule and skip late coffee.\n\n"
        + "Item 3\nInstruction: Is the review positive or negative?\nInput: Loved it.\nOutput: Positive\n\n"
        + "Item 4";

    /// <summary>A batch of <paramref name="count"/> items; odd-numbered ones have an input.</summary>
    private static string BatchPrompt(string header, int count, string fields, bool korean = false)
    {
        var text = new System.Text.StringBuilder(header).Append("\n\n");
        for (int n = 1; n <= count; n++)
        {
            text.Append("Item ").Append(n).Append('\n')
                .Append("Instruction: ").Append(korean ? $"다음 문단을 {n}줄로 요약하세요." : $"Summarize paragraph number {n} for a busy reader.").Append('\n')
                .Append("Input: ").Append(n % 2 == 1 ? (korean ? "도서관은 아홉 시에 문을 엽니다." : "The library opens at nine.") : "<noinput>").Append("\n\n");
        }

        return text.Append("Reply fields: ").Append(fields).ToString();
    }

    [GeneratedRegex(@"^Item (\d+)$", RegexOptions.Multiline)]
    private static partial Regex ItemHeading();
}
