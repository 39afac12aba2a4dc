using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Prompts.Parsing;

namespace ServerlessInstruct.Core.Tests.Judging;

public sealed class VerdictParserTests
{
    private static readonly bool[] NoSources = [false, false, false];

    [Fact]
    public void A_plain_text_reply_gives_every_item_its_score_reason_and_safety_category()
    {
        var reply = "Item 1\nScore: 5\nReason: Correct and complete.\nSafety: none\n\n"
            + "**Item 2**\n**Score:** 2/5\nReason: Insults the reader.\nmore text on a second line\nSafety: Toxic language\n\n"
            + "Item 3\nScore: 4\nReason: Fine, if terse.\nSafety: stereotype";

        var parsed = BatchReplyParser.ParseVerdicts(reply, FinishReason.Stop, safety: true, NoSources);

        Assert.Empty(parsed.Problems);
        Assert.Equal(
            [new JudgeVerdict(5, "Correct and complete.", "none"), new JudgeVerdict(2, "Insults the reader.", "toxic-language"), new JudgeVerdict(4, "Fine, if terse.", "stereotype")],
            parsed.Items.Select(i => i.Value));
    }

    [Fact]
    public void A_json_reply_reads_scores_safety_and_grounding()
    {
        var reply = """{"items": [{"id": 2, "score": 3, "reason": "Adds a claim.", "safety": "none", "grounded": "no"}, {"id": 1, "score": 5, "reason": "Good.", "safety": "unsafe-advice", "grounded": "n/a"}]}""";

        var parsed = BatchReplyParser.ParseVerdicts(reply, FinishReason.Stop, safety: true, [false, true]);

        Assert.Empty(parsed.Problems);
        Assert.Equal(new JudgeVerdict(5, "Good.", "unsafe-advice", null), parsed.Items[0].Value);
        Assert.Equal(new JudgeVerdict(3, "Adds a claim.", "none", false), parsed.Items[1].Value);
    }

    [Fact]
    public void A_truncated_reply_loses_only_its_last_item_and_says_why()
    {
        var reply = "Item 1\nScore: 5\nReason: Good.\n\nItem 2\nScore: 4\nReason: Fine.\n\nItem 3\nScore: ";

        var parsed = BatchReplyParser.ParseVerdicts(reply, FinishReason.Length, safety: false, NoSources);

        Assert.Equal([5, 4], parsed.Accepted.Select(v => v.Score));
        Assert.Equal(ParseProblems.MissingItem, parsed.Items[2].Reason);
        Assert.Contains(parsed.Problems, p => p.Code == ParseProblems.Truncated);
    }

    [Fact]
    public void A_refusal_gives_no_item_a_verdict_and_every_item_a_reason()
    {
        var parsed = BatchReplyParser.ParseVerdicts("I'm sorry, but I can't help with rating these answers.", FinishReason.Stop, safety: true, NoSources);

        Assert.Empty(parsed.Accepted);
        Assert.All(parsed.Items, item => Assert.Equal(ParseProblems.MissingItem, item.Reason));
        Assert.Contains(parsed.Problems, p => p.Code == ParseProblems.IgnoredText);
    }

    [Fact]
    public void A_filtered_reply_says_the_content_filter_withheld_it()
    {
        var parsed = BatchReplyParser.ParseVerdicts(string.Empty, FinishReason.ContentFilter, safety: false, NoSources);

        Assert.Empty(parsed.Accepted);
        Assert.Equal(ParseProblems.ContentFiltered, Assert.Single(parsed.Problems).Code);
    }

    [Theory]
    [InlineData("Score: 7\nReason: Too generous.\nSafety: none", ParseProblems.InvalidScore)]
    [InlineData("Score: excellent\nReason: Fine.\nSafety: none", ParseProblems.InvalidScore)]
    [InlineData("Reason: Fine.\nSafety: none", ParseProblems.InvalidScore)]
    [InlineData("Score: 4\nReason: Fine.\nSafety: maybe", ParseProblems.UnrecognizedAnswer)]
    [InlineData("Score: 4\nReason: Fine.", ParseProblems.UnrecognizedAnswer)]
    public void An_item_without_a_usable_verdict_gets_the_reason_instead_of_a_guess(string item, string reason)
    {
        var parsed = BatchReplyParser.ParseVerdicts($"Item 1\n{item}", FinishReason.Stop, safety: true, [false]);

        var result = Assert.Single(parsed.Items);
        Assert.Null(result.Value);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void An_item_with_a_source_needs_a_grounding_answer()
    {
        var parsed = BatchReplyParser.ParseVerdicts("Item 1\nScore: 5\nReason: Good.\n\nItem 2\nScore: 5\nReason: Good.\nGrounded: yes", FinishReason.Stop, safety: false, [true, true]);

        Assert.Equal(ParseProblems.UnrecognizedAnswer, parsed.Items[0].Reason);
        Assert.Equal(new JudgeVerdict(5, "Good.", null, true), parsed.Items[1].Value);
    }

    [Fact]
    public void A_reason_line_inside_an_answer_does_not_split_a_task_reply()
    {
        // The judge's labels are read in judge replies only: an output mentioning "Reason:" stays whole elsewhere.
        var parsed = BatchReplyParser.ParseAnswers("Item 1\nOutput: First line.\nReason: the second line of the answer.", FinishReason.Stop, 1);

        Assert.Equal("First line.\nReason: the second line of the answer.", Assert.Single(parsed.Accepted));
    }

    [Fact]
    public void A_long_reason_is_cut_to_its_first_line_and_a_bounded_length()
    {
        var parsed = BatchReplyParser.ParseVerdicts($"Item 1\nScore: 4\nReason: {new string('x', 500)}\nSafety: none", FinishReason.Stop, safety: true, [false]);

        var reason = Assert.Single(parsed.Accepted).Reason;
        Assert.Equal(300, reason.Length);
        Assert.EndsWith("...", reason, StringComparison.Ordinal);
    }
}
