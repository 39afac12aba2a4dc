using ServerlessInstruct.Core.Prompts.Parsing;

namespace ServerlessInstruct.Core.Tests.Prompts.Parsing;

public sealed class TaskListParserTests
{
    [Fact]
    public void Text_reply_continues_the_open_item_and_reads_the_following_ones()
    {
        var result = Parse(
            "Instruction: Suggest a name for a bakery.\nInput: <noinput>\nOutput: Morning Crumb\n\n"
            + "Item 5\nInstruction: Sort the numbers.\nInput: 3, 1, 2\nOutput: 1, 2, 3");

        Assert.Equal(
            [new DraftTask("Suggest a name for a bakery.", "", "Morning Crumb"), new DraftTask("Sort the numbers.", "3, 1, 2", "1, 2, 3")],
            result.Items);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_cut_off_reply_loses_only_its_last_task()
    {
        var result = Parse(
            "Instruction: Name a fruit.\nInput: <noinput>\nOutput: Apple\n\nItem 5\nInstruction: Name a river.\nInput: <noinput>\nOutput: Nile\n\n"
            + "Item 6\nInstruction: Explain why the sky",
            FinishReason.Length);

        Assert.Equal(["Name a fruit.", "Name a river."], result.Items.Select(t => t.Instruction));
        Assert.True(result.HasProblem(ParseProblems.Truncated));
    }

    [Fact]
    public void A_reply_cut_right_after_a_heading_keeps_the_task_before_it()
    {
        var result = Parse("Instruction: Name a fruit.\nInput: <noinput>\nOutput: Apple\n\nItem 5", FinishReason.Length);

        Assert.Equal("Apple", Assert.Single(result.Items).Output);
    }

    [Fact]
    public void Repeated_examples_and_incomplete_tasks_are_reported_not_kept()
    {
        var result = Parse(
            "Item 3\nInstruction: An example repeated.\nInput: <noinput>\nOutput: x\n\n"
            + "Item 4\nInstruction: A task without an output.\nInput: <noinput>\n\n"
            + "Item 5\nInput: an input without a task\nOutput: y\n\n"
            + "**Item 6**\n**Instruction:** Write a haiku about rain.\n**Input:** <noinput>\n**Output:**\nSoft rain on the roof\nthe kettle starts to whistle\nwe stay in all day");

        var task = Assert.Single(result.Items);
        Assert.Equal("Write a haiku about rain.", task.Instruction);
        Assert.Equal("Soft rain on the roof\nthe kettle starts to whistle\nwe stay in all day", task.Output);
        Assert.True(result.HasProblem(ParseProblems.IgnoredText));
        Assert.True(result.HasProblem(ParseProblems.MissingOutput));
        Assert.True(result.HasProblem(ParseProblems.EmptyItem));
    }

    [Fact]
    public void Double_asterisks_in_fields_are_kept_and_bold_labels_are_removed()
    {
        var result = Parse(
            "**Instruction:** Compute 2**10.\n**Input:** <noinput>\n**Output:** 2**10 = 1024\n\n"
            + "**Item 5**\nInstruction: Explain what **kwargs does in Python.\nInput: def f(**kwargs): return kwargs\nOutput: It gathers keyword arguments into a dict.");

        Assert.Equal(
            [
                new DraftTask("Compute 2**10.", "", "2**10 = 1024"),
                new DraftTask("Explain what **kwargs does in Python.", "def f(**kwargs): return kwargs", "It gathers keyword arguments into a dict."),
            ],
            result.Items);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Json_reply_is_read_and_a_cut_off_one_keeps_its_complete_tasks()
    {
        var whole = Parse("""{"tasks":[{"instruction":"Name a fruit.","input":"","output":"Apple"},{"instruction":"Add the numbers.","input":"2 and 3","output":"5"}]}""");
        var cut = Parse("""{"tasks":[{"instruction":"Name a fruit.","input":"","output":"Apple"},{"instruction":"Add the nu""", FinishReason.Length);

        Assert.Equal([new DraftTask("Name a fruit.", "", "Apple"), new DraftTask("Add the numbers.", "2 and 3", "5")], whole.Items);
        Assert.Empty(whole.Problems);
        Assert.Equal("Name a fruit.", Assert.Single(cut.Items).Instruction);
        Assert.True(cut.HasProblem(ParseProblems.Truncated));
    }

    [Fact]
    public void Korean_labels_are_read_and_extra_tasks_dropped()
    {
        var result = TaskListParser.Parse(
            "지시문: 봄에 어울리는 노래 제목을 지어 주세요.\n입력: 없음\n출력: 벚꽃 아래에서\n\n항목 5\n지시문: 두 단어의 뜻을 비교하세요.\n입력: 가다, 오다\n출력: 방향이 반대입니다.",
            FinishReason.Stop, firstNumber: 4, maxItems: 1);

        Assert.Equal(new DraftTask("봄에 어울리는 노래 제목을 지어 주세요.", "", "벚꽃 아래에서"), Assert.Single(result.Items));
        Assert.True(result.HasProblem(ParseProblems.TooMany));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("Sure! Here are some tasks.")]
    public void Replies_without_tasks_are_reported(string? response)
    {
        var result = Parse(response);

        Assert.Empty(result.Items);
        Assert.True(result.HasProblems);
    }

    private static ParseResult<DraftTask> Parse(string? response, FinishReason finish = FinishReason.Stop) =>
        TaskListParser.Parse(response, finish, firstNumber: 4, maxItems: 20);
}
