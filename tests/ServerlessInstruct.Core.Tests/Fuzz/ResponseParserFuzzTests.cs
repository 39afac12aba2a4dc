using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Prompts.Parsing;
using Xunit.Abstractions;

namespace ServerlessInstruct.Core.Tests.Fuzz;

/// <summary>
/// Every parser of model answers on damaged answers, under every finish reason: it returns, never throws, and what it
/// returns keeps its promises (no blank items, no more than asked for, one result per batch item, every problem coded).
/// </summary>
public sealed class ResponseParserFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Samples =
    [
        "Write a poem about the sea.\n10. Translate the sentence into French.\n11. Sort the list of numbers.\n12. Explain recursion to a child.",
        """{"instructions": ["Summarize the article.", "List three uses of copper.", "Classify the tweet as positive or negative."]}""",
        "Example 1\nInput: 25°C\nOutput: 77°F\n\nExample 2\nInput: 0°C\nOutput: 32°F",
        "Example 1\nClass label: Positive\nInput: Great phone, long battery life.\n\nExample 2\nClass label: Negative\nInput: It broke after a day.",
        """{"instances": [{"input": "25°C", "output": "77°F"}, {"class_label": "Positive", "input": "Great phone."}]}""",
        "Yes",
        """{"is_classification": true}""",
        "Instruction: Suggest a name for a bakery.\nInput: <noinput>\nOutput: Morning Crumb\n\nItem 5\nInstruction: Sort the numbers.\nInput: 3, 1, 2\nOutput: 1, 2, 3",
        """{"tasks":[{"instruction":"Name a fruit.","input":"","output":"Apple"},{"instruction":"Add the numbers.","input":"2 and 3","output":"5"}]}""",
        "Item 1\nInstruction: 문단을 요약하세요.\nInput: 도서관은 아홉 시에 엽니다.\nOutput: 아홉 시에 엽니다.\n\nItem 2\nInstruction: 유럽의 강 세 개를 말해 보세요.\nInput: <noinput>\nOutput: 라인강, 도나우강, 센강",
        """{"items":[{"id":1,"instruction":"문단을 요약하세요.","input":"도서관은 아홉 시에 엽니다.","output":"아홉 시"},{"id":2,"instruction":"강 이름","input":"","output":"라인강"}]}""",
        "```json\n{\"instructions\": [\"Name a color.\"]}\n```\nHere are more tasks:",
    ];

    private static readonly InstructionItem[] Sources =
    [
        new("Summarize the paragraph.", "The library opens at nine."),
        new("Name three rivers in Europe."),
        new("Translate the sentence into French.", "Good morning."),
    ];

    [Fact(Timeout = 60_000)]
    public async Task Damaged_model_answers_are_parsed_without_throwing_and_keep_the_parsers_promises()
    {
        var cases = await FuzzLoop.RunAsync(
            mutator =>
            {
                var text = mutator.Next(8) switch
                {
                    0 => mutator.Noise(),
                    1 => string.Empty,
                    _ => mutator.Mutate(mutator.Pick(Samples), mutator.Pick(Samples)),
                };
                return (Text: text, Finish: (FinishReason)mutator.Next(4), Items: 1 + mutator.Next(10), Language: mutator.Next(2) == 0 ? LanguageProfile.English : LanguageProfile.Korean);
            },
            input =>
            {
                var (text, finish, items, language) = input;

                foreach (var policy in new[] { TruncationPolicy.DiscardResponse, TruncationPolicy.DropLastItem })
                {
                    var instructions = InstructionListParser.Parse(text, finish, policy, items, continuesFrom: 9);
                    Assert.True(instructions.Items.Count <= items, $"{instructions.Items.Count} instructions for at most {items}");
                    Assert.All(instructions.Items, item => Assert.False(string.IsNullOrWhiteSpace(item)));
                    AssertCoded(instructions.Problems);
                }

                foreach (var order in new[] { InstanceOrder.InputFirst, InstanceOrder.OutputFirst })
                {
                    var instances = InstanceParser.Parse(text, order, finish);
                    Assert.All(instances.Items, instance => Assert.NotNull(instance.Input));
                    AssertCoded(instances.Problems);
                }

                var classification = ClassificationParser.Parse(text);
                Assert.True(classification.IsClassification is not null || classification.Problems.Count > 0, "no answer and no reason");
                AssertCoded(classification.Problems);

                var tasks = TaskListParser.Parse(text, finish, firstNumber: 4, maxItems: items);
                Assert.True(tasks.Items.Count <= items, $"{tasks.Items.Count} tasks for at most {items}");
                Assert.All(tasks.Items, task => Assert.False(string.IsNullOrWhiteSpace(task.Instruction)));
                AssertCoded(tasks.Problems);

                AssertOneResultPerItem(BatchReplyParser.ParseTranslations(text, finish, Sources, language), Sources.Length);
                AssertOneResultPerItem(BatchReplyParser.ParseAnswers(text, finish, items), items);
                AssertOneResultPerItem(BatchReplyParser.ParseRewrites(text, finish, items, language), items);
                return Task.CompletedTask;
            },
            input => $"finish {input.Finish}, {input.Items} items, {input.Language.Code}, text \"{FuzzLoop.Escape(input.Text)}\"");

        output.WriteLine($"{cases} damaged answers through 9 parser configurations each");
        Assert.True(cases > 0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void An_answer_withheld_by_the_content_filter_is_reported_as_such_by_every_parser(string? text)
    {
        Assert.Contains(InstructionListParser.Parse(text, FinishReason.ContentFilter, TruncationPolicy.DiscardResponse).Problems, IsContentFiltered);
        Assert.Contains(InstanceParser.Parse(text, InstanceOrder.InputFirst, FinishReason.ContentFilter).Problems, IsContentFiltered);
        Assert.Contains(TaskListParser.Parse(text, FinishReason.ContentFilter, 4, 20).Problems, IsContentFiltered);
        Assert.Contains(BatchReplyParser.ParseAnswers(text, FinishReason.ContentFilter, 2).Problems, IsContentFiltered);

        Assert.Contains(InstanceParser.Parse(text, InstanceOrder.InputFirst, FinishReason.Stop).Problems, p => p.Code == ParseProblems.Empty);
    }

    // Found by the loop above: \d matches every script's digits, which int.Parse then refuses.
    [Fact]
    public void A_list_number_in_another_script_is_text_not_a_crash()
    {
        var result = InstructionListParser.Parse("Write a poem about the sea.\n10\u17e7. Translate the sentence.\n11. Sort the numbers.", FinishReason.Stop, TruncationPolicy.DiscardResponse);

        Assert.Contains("Sort the numbers.", result.Items);
    }

    // Found by the loop above: a lone surrogate, raw or escaped in JSON, is no text, and reading it threw.
    [Theory]
    [InlineData("{\"tasks\": [{\"instruction\": \"Add the\udfe5 numbers.\", \"input\": \"\", \"output\": \"5\"}]}")]
    [InlineData("""{"tasks": [{"instruction": "Add the \ud800 numbers.", "input": "", "output": "5"}]}""")]
    [InlineData("""{"\ud800tasks": [], "is_classification": "\udc00yes"}""")]
    public void Json_holding_a_lone_surrogate_is_a_problem_not_a_crash(string reply)
    {
        Assert.NotNull(TaskListParser.Parse(reply, FinishReason.Stop, 4, 20));
        Assert.NotNull(InstructionListParser.Parse(reply, FinishReason.Stop, TruncationPolicy.DiscardResponse));
        Assert.NotNull(InstanceParser.Parse(reply, InstanceOrder.InputFirst, FinishReason.Stop));
        Assert.NotNull(BatchReplyParser.ParseAnswers(reply, FinishReason.Stop, 2));
        Assert.NotEmpty(ClassificationParser.Parse(reply).Problems);
    }

    private static bool IsContentFiltered(ParseProblem problem) => problem.Code == ParseProblems.ContentFiltered;

    private static void AssertCoded(IReadOnlyList<ParseProblem> problems) =>
        Assert.All(problems, problem => Assert.False(string.IsNullOrWhiteSpace(problem.Code) || string.IsNullOrWhiteSpace(problem.Detail), problem.ToString()));

    private static void AssertOneResultPerItem<T>(BatchReply<T> reply, int count)
        where T : class
    {
        Assert.Equal(Enumerable.Range(0, count), reply.Items.Select(item => item.Index));
        Assert.All(reply.Items, item => Assert.True(item.Accepted || !string.IsNullOrWhiteSpace(item.Reason), $"item {item.Index} neither kept nor given a reason"));
        AssertCoded(reply.Problems);
    }
}
