using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Tests.Prompts.Parsing;

public sealed class InstanceParserTests
{
    [Fact]
    public void Input_first_examples_are_read()
    {
        var result = Parse("Example 1\nInput: 25°C\nOutput: 77°F\n\nExample 2\nInput: 0°C\nOutput: 32°F", InstanceOrder.InputFirst);

        Assert.Equal([new SeedInstance("25°C", "77°F"), new SeedInstance("0°C", "32°F")], result.Items);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Task_without_input_gives_an_empty_input()
    {
        var result = Parse("Example 1\nOutput: 1. Sleep well.\n2. Drink water.\n3. Walk daily.", InstanceOrder.InputFirst);

        Assert.Equal(new SeedInstance("", "1. Sleep well.\n2. Drink water.\n3. Walk daily."), Assert.Single(result.Items));
    }

    [Fact]
    public void Multi_line_values_keep_their_lines_and_indentation()
    {
        var result = Parse("Example 1\nInput:\ndef add(a, b):\n    return a - b\nOutput:\ndef add(a, b):\n    return a + b\n", InstanceOrder.InputFirst);

        var instance = Assert.Single(result.Items);
        Assert.Equal("def add(a, b):\n    return a - b", instance.Input);
        Assert.Equal("def add(a, b):\n    return a + b", instance.Output);
    }

    [Fact]
    public void Output_first_examples_put_the_label_in_the_output()
    {
        var result = Parse("Example 1\nClass label: Positive\nInput: Great phone, long battery life.\n\nExample 2\nClass label: Negative\nInput: It broke after a day.", InstanceOrder.OutputFirst);

        Assert.Equal([new SeedInstance("Great phone, long battery life.", "Positive"), new SeedInstance("It broke after a day.", "Negative")], result.Items);
    }

    [Fact]
    public void Incomplete_examples_are_reported()
    {
        var inputFirst = Parse("Example 1\nInput: 25°C\n\nExample 2\nInput: 0°C\nOutput: 32°F", InstanceOrder.InputFirst);
        var outputFirst = Parse("Example 1\nClass label: Positive\n\nExample 2\nInput: Fine.\n\nExample 3\nClass label: Negative\nInput: Bad.", InstanceOrder.OutputFirst);

        Assert.Equal([new SeedInstance("0°C", "32°F")], inputFirst.Items);
        Assert.Equal(ParseProblems.MissingOutput, Assert.Single(inputFirst.Problems).Code);
        Assert.Equal([new SeedInstance("Bad.", "Negative")], outputFirst.Items);
        Assert.Equal([ParseProblems.MissingInput, ParseProblems.MissingLabel], outputFirst.Problems.Select(problem => problem.Code));
    }

    [Fact]
    public void Cut_off_response_loses_its_last_example()
    {
        var result = InstanceParser.Parse("Example 1\nInput: 25°C\nOutput: 77°F\nExample 2\nInput: 0°C\nOutput: 3", InstanceOrder.InputFirst, FinishReason.Length);

        Assert.Equal([new SeedInstance("25°C", "77°F")], result.Items);
        Assert.Equal(ParseProblems.Truncated, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_new_task_after_the_examples_ends_the_response_and_an_echoed_task_before_them_is_skipped()
    {
        var result = Parse("Task: Convert the temperature.\nExample 1\nInput: 25°C\nOutput: 77°F\n\nTask: Name a color.\nExample 1\nOutput: Blue", InstanceOrder.InputFirst);

        Assert.Equal([new SeedInstance("25°C", "77°F")], result.Items);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Examples_without_headings_are_split_at_a_repeated_field()
    {
        var result = Parse("Input: 25°C\nOutput: 77°F\nInput: 0°C\nOutput: 32°F", InstanceOrder.InputFirst);

        Assert.Equal(2, result.Items.Count);
    }

    [Fact]
    public void Markdown_headings_korean_labels_and_no_input_markers_are_understood()
    {
        var result = Parse("### Example 1:\n**Input:** 케냐\n**Output:** 나이로비\n\n예시 2\n입력: 없음\n출력: 서울은 한국의 수도입니다.", InstanceOrder.InputFirst);

        Assert.Equal([new SeedInstance("케냐", "나이로비"), new SeedInstance("", "서울은 한국의 수도입니다.")], result.Items);
    }

    [Fact]
    public void Double_asterisks_in_values_are_kept_and_only_bold_around_a_label_or_line_is_removed()
    {
        var result = Parse(
            "**Example 1**\n**Input:** 2**8\n**Output:** 2**8 = 256\n\n"
            + "Example 2\n**Input**: def f(**kwargs): pass\n**Output: f takes any keyword arguments**\n\n"
            + "Example 3\nInput: **kwargs\nOutput: **collects keyword arguments**",
            InstanceOrder.InputFirst);

        Assert.Equal(
            [
                new SeedInstance("2**8", "2**8 = 256"),
                new SeedInstance("def f(**kwargs): pass", "f takes any keyword arguments"),
                new SeedInstance("**kwargs", "collects keyword arguments"),
            ],
            result.Items);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Text_outside_any_field_is_reported()
    {
        var result = Parse("Here are some examples.\nExample 1\nInput: a\nOutput: b", InstanceOrder.InputFirst);

        Assert.Single(result.Items);
        Assert.Equal(ParseProblems.IgnoredText, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Json_instances_are_read_in_both_orders()
    {
        var inputFirst = Parse("""{"instances": [{"input": "25°C", "output": "77°F"}, {"input": "", "output": "Blue"}]}""", InstanceOrder.InputFirst);
        var outputFirst = Parse("""{"instances": [{"class_label": "Positive", "input": "Great phone."}]}""", InstanceOrder.OutputFirst);

        Assert.Equal([new SeedInstance("25°C", "77°F"), new SeedInstance("", "Blue")], inputFirst.Items);
        Assert.Equal([new SeedInstance("Great phone.", "Positive")], outputFirst.Items);
    }

    [Fact]
    public void Cut_off_json_keeps_its_complete_instances()
    {
        var result = InstanceParser.Parse("""{"instances": [{"input": "25°C", "output": "77°F"}, {"input": "0°C", "outp""", InstanceOrder.InputFirst, FinishReason.Length);

        Assert.Equal([new SeedInstance("25°C", "77°F")], result.Items);
        Assert.Equal(ParseProblems.Truncated, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Json_items_without_their_fields_are_reported()
    {
        var result = Parse("""{"instances": [{"input": "25°C"}, {"class_label": "x"}, 7]}""", InstanceOrder.InputFirst);

        Assert.Empty(result.Items);
        Assert.Equal(3, result.Problems.Count(problem => problem.Code == ParseProblems.MissingOutput));
    }

    [Fact]
    public void Garbage_json_falls_back_to_text()
    {
        var result = Parse("{instances: oops}\nInput: 25°C\nOutput: 77°F", InstanceOrder.InputFirst);

        Assert.Equal([new SeedInstance("25°C", "77°F")], result.Items);
        Assert.Equal(ParseProblems.MalformedJson, result.Problems[0].Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("I cannot help with that.")]
    public void Responses_without_examples_give_none(string? response)
    {
        var result = Parse(response, InstanceOrder.InputFirst);

        Assert.Empty(result.Items);
        Assert.True(result.HasProblems);
    }

    private static ParseResult<SeedInstance> Parse(string? response, InstanceOrder order) => InstanceParser.Parse(response, order, FinishReason.Stop);
}
