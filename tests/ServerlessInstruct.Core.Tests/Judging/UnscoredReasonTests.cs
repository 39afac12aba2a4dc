using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Prompts.Parsing;

namespace ServerlessInstruct.Core.Tests.Judging;

public sealed class UnscoredReasonTests
{
    private static (string Code, string Detail) Reason(string response, FinishReason finish, int item)
    {
        var reply = BatchReplyParser.ParseVerdicts(response, finish, safety: false, [false, false]);
        return UnscoredReason.For(reply, reply.Items[item], response);
    }

    [Fact]
    public void An_item_lost_to_a_cut_off_reply_is_truncated()
    {
        var (code, detail) = Reason("Item 1\nScore: 5\nReason: Good.\n\nItem 2\nScore: 4\nReas", FinishReason.Length, 1);

        Assert.Equal(ParseProblems.Truncated, code);
        Assert.Contains("cut off", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_of_a_filtered_reply_are_content_filtered()
    {
        Assert.Equal(ParseProblems.ContentFiltered, Reason(string.Empty, FinishReason.ContentFilter, 0).Code);
    }

    [Fact]
    public void A_reply_with_text_but_no_item_is_a_refusal_quoting_its_start()
    {
        var (code, detail) = Reason("I'm sorry, but I can't help with rating these answers.", FinishReason.Stop, 0);

        Assert.Equal(UnscoredReason.Refused, code);
        Assert.Contains("I'm sorry", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_a_complete_reply_left_out_or_scored_badly_keeps_its_own_reason()
    {
        Assert.Equal(ParseProblems.MissingItem, Reason("Item 1\nScore: 5\nReason: Good.", FinishReason.Stop, 1).Code);
        Assert.Equal(ParseProblems.InvalidScore, Reason("Item 1\nScore: ten\nReason: Good.\n\nItem 2\nScore: 4\nReason: Fine.", FinishReason.Stop, 0).Code);
    }
}
