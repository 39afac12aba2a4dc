using ServerlessInstruct.Core.Prompts.Parsing;

namespace ServerlessInstruct.Core.Tests.Prompts.Parsing;

public sealed class InstructionListParserTests
{
    [Fact]
    public void Unnumbered_first_line_continues_the_open_item_and_numbering_variants_are_read()
    {
        var result = Parse("Write a poem about the sea.\n10. Explain gravity to a child.\n11) Summarize the news article.\n12 - List three fruits that are red.\n13: Name a famous painter.");

        Assert.Equal(
            ["Write a poem about the sea.", "Explain gravity to a child.", "Summarize the news article.", "List three fruits that are red.", "Name a famous painter."],
            result.Items);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Response_repeating_the_open_number_is_read_from_it()
    {
        var result = Parse("9. Write a poem about the sea.\n10. Explain gravity to a child.");

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child."], result.Items);
    }

    [Fact]
    public void Stray_whitespace_markdown_and_wrapped_lines_are_cleaned()
    {
        var result = Parse("   Write   a\tpoem about the sea.  \r\n  10.   **Explain gravity**\r\n     to a child using a ball.\r\n");

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child using a ball."], result.Items);
    }

    [Fact]
    public void Double_asterisks_inside_an_instruction_are_kept_and_bold_around_an_item_is_removed()
    {
        var result = Parse(
            "Compute 2**8 without a calculator.\n**10. Explain what **kwargs means in Python.**\n11. **Name three prime numbers.**\n"
            + "**12.** Describe what def f(**kwargs) accepts.\n- **List three uses of vinegar.**");

        Assert.Equal(
            [
                "Compute 2**8 without a calculator.", "Explain what **kwargs means in Python.", "Name three prime numbers.",
                "Describe what def f(**kwargs) accepts.", "List three uses of vinegar.",
            ],
            result.Items);
    }

    [Fact]
    public void Json_items_keep_their_double_asterisks()
    {
        var result = Parse("""{"instructions": ["Compute 2**8 without a calculator.", "**10. Name three prime numbers.**"]}""");

        Assert.Equal(["Compute 2**8 without a calculator.", "Name three prime numbers."], result.Items);
    }

    [Fact]
    public void A_preamble_is_reported_not_taken_as_an_item()
    {
        var result = Parse("Sure! Here are some more tasks:\n\n9. Write a poem about the sea.\n10. Explain gravity to a child.");

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child."], result.Items);
        Assert.Equal(ParseProblems.Preamble, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Text_after_a_blank_line_belongs_to_no_item()
    {
        var result = Parse("Write a poem about the sea.\n10. Explain gravity to a child.\n\nI hope these tasks help you!");

        Assert.Equal(2, result.Items.Count);
        Assert.True(result.HasProblem(ParseProblems.IgnoredText));
    }

    [Theory]
    [InlineData("Write a poem about the sea.\n10. Explain gravity to a child.\n\n11. Name a famous painter.\n12. List three red fruits.", 2)]
    [InlineData("Write a poem about the sea.\n\n10. Explain gravity to a child.\n11. Name a famous painter.", 1)]
    [InlineData("Write a poem about the sea.\n\nA remark of the model.\n10. Explain gravity to a child.", 1)]
    public void A_blank_line_after_an_item_ends_the_list_as_the_original_stop_sequence_does(string response, int kept)
    {
        var result = Parse(response);

        Assert.Equal(new[] { "Write a poem about the sea.", "Explain gravity to a child." }[..kept], result.Items);
        Assert.Equal(ParseProblems.IgnoredText, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_blank_line_after_a_preamble_does_not_end_the_list()
    {
        var result = Parse("Here are some more tasks.\n\n9. Write a poem about the sea.\n10. Explain gravity to a child.");

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child."], result.Items);
        Assert.Equal(ParseProblems.Preamble, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Items_from_the_stop_number_on_are_dropped_even_when_fewer_were_asked_for_than_fit()
    {
        var text = "Task number nine here.\n" + string.Join('\n', Enumerable.Range(10, 9).Select(n => $"{n}. Task number {n} here."));

        var result = InstructionListParser.Parse(text, FinishReason.Stop, TruncationPolicy.DiscardResponse, maxItems: 20);

        Assert.Equal(7, result.Items.Count);
        Assert.Equal("Task number 15 here.", result.Items[^1]);
        Assert.Equal(ParseProblems.TooMany, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void A_cut_after_the_end_of_the_list_costs_no_item()
    {
        var result = InstructionListParser.Parse(
            "Write a poem about the sea.\n10. Explain gravity to a child.\n\n11. Summarize the", FinishReason.Length, TruncationPolicy.DropLastItem);

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child."], result.Items);
        Assert.True(result.HasProblem(ParseProblems.Truncated));
    }

    [Fact]
    public void Cut_off_response_is_discarded_whole_under_the_self_instruct_policy()
    {
        var result = InstructionListParser.Parse("Write a poem.\n10. Explain gravity to a child.\n11. Summarize the", FinishReason.Length, TruncationPolicy.DiscardResponse);

        Assert.Empty(result.Items);
        Assert.Equal(ParseProblems.Truncated, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Cut_off_response_loses_only_its_last_item_under_the_alpaca_policy()
    {
        var result = InstructionListParser.Parse("Write a poem about the sea.\n10. Explain gravity to a child.\n11. Summarize the", FinishReason.Length, TruncationPolicy.DropLastItem);

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child."], result.Items);
        Assert.Equal(ParseProblems.Truncated, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Content_filtered_response_is_handled_like_a_cut_off_one()
    {
        var result = InstructionListParser.Parse("Write a poem about the sea.\n10. Explain", FinishReason.ContentFilter, TruncationPolicy.DropLastItem);

        Assert.Equal(["Write a poem about the sea."], result.Items);
        Assert.Equal(ParseProblems.ContentFiltered, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void More_items_than_asked_for_are_cut_to_the_maximum()
    {
        var text = "Task number nine here.\n" + string.Join('\n', Enumerable.Range(10, 9).Select(n => $"{n}. Task number {n} here."));

        var result = Parse(text);

        Assert.Equal(7, result.Items.Count);
        Assert.Equal("Task number 15 here.", result.Items[^1]);
        Assert.Equal(ParseProblems.TooMany, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Empty_items_are_reported()
    {
        var result = Parse("Write a poem about the sea.\n10.\n11. Explain gravity to a child.");

        Assert.Equal(2, result.Items.Count);
        Assert.Equal(ParseProblems.EmptyItem, Assert.Single(result.Problems).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n\t ")]
    public void Empty_response_gives_no_items_and_says_so(string? response)
    {
        var result = Parse(response);

        Assert.Empty(result.Items);
        Assert.Equal(ParseProblems.Empty, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Bulleted_answer_is_read_and_its_introduction_is_not_an_item()
    {
        var result = Parse("New tasks\n- Write a poem about the sea.\n- Explain gravity to a child.");

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child."], result.Items);
        Assert.Equal(ParseProblems.Preamble, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Korean_list_is_read()
    {
        var result = Parse("바다를 주제로 시를 써 주세요.\n10. 중력을 어린이에게 설명해 주세요.\n11. 다음 기사를 세 문장으로 요약하세요.");

        Assert.Equal(["바다를 주제로 시를 써 주세요.", "중력을 어린이에게 설명해 주세요.", "다음 기사를 세 문장으로 요약하세요."], result.Items);
    }

    [Fact]
    public void Json_output_is_read()
    {
        var result = Parse("""{"instructions": ["Write a poem about the sea.", "Explain gravity to a child."]}""");

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child."], result.Items);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Fenced_json_with_numbered_and_object_items_is_read()
    {
        var result = Parse("Here you go:\n```json\n{\"instructions\": [\"9. Write a poem about the sea.\", {\"instruction\": \"Explain gravity to a child.\"}, \"\"]}\n```");

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child."], result.Items);
        Assert.Equal(ParseProblems.EmptyItem, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Cut_off_json_keeps_its_complete_items()
    {
        var result = InstructionListParser.Parse("""{"instructions": ["Write a poem about the sea.", "Explain gravity to a child.", "Summarize the""", FinishReason.Length, TruncationPolicy.DropLastItem);

        Assert.Equal(["Write a poem about the sea.", "Explain gravity to a child."], result.Items);
        Assert.Equal(ParseProblems.Truncated, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Invalid_json_keeps_the_items_before_the_error()
    {
        var result = Parse("""{"instructions": ["Write a poem about the sea.", oops, "Explain gravity."]}""");

        Assert.Equal(["Write a poem about the sea."], result.Items);
        Assert.Equal(ParseProblems.MalformedJson, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Invalid_pretty_printed_json_falls_back_to_its_quoted_lines()
    {
        var result = Parse("{\n  \"instructions\": [\n    \"Write a poem about the sea.\",\n    \"Explain \\\"gravity\\\" to a child.\"\n    \"Name a famous painter.\"\n  ]\n}");

        Assert.Equal(["Write a poem about the sea.", "Explain \"gravity\" to a child.", "Name a famous painter."], result.Items);
        Assert.True(result.HasProblem(ParseProblems.MalformedJson));
    }

    [Theory]
    [InlineData("""{"tasks": ["Write a poem."]}""")]
    [InlineData("""{"instructions": "Write a poem."}""")]
    [InlineData("[1, 2")]
    [InlineData("{")]
    public void Json_of_the_wrong_shape_is_reported_without_throwing(string response)
    {
        var result = Parse(response);

        Assert.Empty(result.Items);
        Assert.True(result.HasProblems);
    }

    [Fact]
    public void Top_level_json_array_is_accepted()
    {
        var result = Parse("""["Write a poem about the sea.", "Explain gravity to a child."]""");

        Assert.Equal(2, result.Items.Count);
    }

    private static ParseResult<string> Parse(string? response) => InstructionListParser.Parse(response, FinishReason.Stop, TruncationPolicy.DiscardResponse);
}
