using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Prompts.Parsing;

namespace ServerlessInstruct.Core.Tests.Prompts.Parsing;

public sealed class BatchReplyParserTests
{
    private static readonly InstructionItem[] Sources =
    [
        new("Summarize the paragraph.", "The library opens at nine."),
        new("Name three rivers in Europe."),
        new("Translate the sentence into French.", "Good morning."),
    ];

    [Fact]
    public void Translations_are_matched_by_number_whatever_their_order()
    {
        var reply = Translate(
            "Item 3\nInstruction: 문장을 프랑스어로 번역하세요.\nInput: 좋은 아침입니다.\n\n"
            + "Item 1\nInstruction: 문단을 요약하세요.\nInput: 도서관은 아홉 시에 엽니다.\n\n"
            + "Item 2\nInstruction: 유럽의 강 세 개를 말해 보세요.\nInput: <noinput>");

        Assert.All(reply.Items, item => Assert.True(item.Accepted, item.Detail));
        Assert.Equal(
            [new("문단을 요약하세요.", "도서관은 아홉 시에 엽니다."), new("유럽의 강 세 개를 말해 보세요.", ""), new InstructionItem("문장을 프랑스어로 번역하세요.", "좋은 아침입니다.")],
            reply.Accepted);
    }

    [Fact]
    public void Every_item_gets_a_result_with_the_reason_it_was_not_usable()
    {
        var reply = Translate(
            "Item 1\nInstruction: Summarize the paragraph.\nInput: The library opens at nine.\n\n"
            + "Item 2\nInstruction: 유럽의 강 세 개를 말해 보세요.\nInput: 라인강\n\n"
            + "Item 7\nInstruction: 없는 항목입니다.\nInput: <noinput>");

        Assert.Equal(3, reply.Items.Count);
        Assert.Equal([ParseProblems.WrongLanguage, null, ParseProblems.MissingItem], reply.Items.Select(i => i.Reason));
        Assert.Equal(new InstructionItem("유럽의 강 세 개를 말해 보세요.", ""), reply.Items[1].Value);
        Assert.Contains("Item 3", reply.Items[2].Detail, StringComparison.Ordinal);
        Assert.Contains(reply.Problems, p => p.Code == ParseProblems.UnexpectedItem);
    }

    [Fact]
    public void An_empty_instruction_or_a_lost_input_is_rejected()
    {
        var reply = Translate(
            "Item 1\nInstruction: 문단을 요약하세요.\nInput: <noinput>\n\nItem 2\nInstruction:\nInput: <noinput>\n\nItem 3\nInstruction: 번역하세요.\nInput: 좋은 아침입니다.");

        Assert.Equal([ParseProblems.MissingInput, ParseProblems.EmptyInstruction, null], reply.Items.Select(i => i.Reason));
    }

    [Fact]
    public void A_cut_off_reply_rejects_the_damaged_item_and_those_after_it()
    {
        var reply = Translate("Item 1\nInstruction: 문단을 요약하세요.\nInput: 도서관은 아홉 시에 엽니다.\n\nItem 2\nInstruction: 유럽의 강", FinishReason.Length);

        Assert.True(reply.Items[0].Accepted);
        Assert.All(reply.Items.Skip(1), item =>
        {
            Assert.Equal(ParseProblems.MissingItem, item.Reason);
            Assert.Contains("cut off", item.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Json_translations_use_their_ids_or_else_their_position()
    {
        var byId = Translate("""{"items":[{"id":2,"instruction":"유럽의 강 세 개를 말해 보세요.","input":""},{"id":1,"instruction":"문단을 요약하세요.","input":"도서관은 아홉 시에 엽니다."}]}""");
        var byPosition = Translate("""{"items":[{"instruction":"문단을 요약하세요.","input":"도서관은 아홉 시에 엽니다."}]}""");

        Assert.Equal([null, null, ParseProblems.MissingItem], byId.Items.Select(i => i.Reason));
        Assert.Equal("문단을 요약하세요.", byPosition.Items[0].Value?.Instruction);
    }

    [Fact]
    public void Answers_keep_their_lines_and_a_missing_one_is_rejected()
    {
        var reply = BatchReplyParser.ParseAnswers("Item 1\nOutput: First line.\n    indented line\n\nItem 2\nInput: echoed\n", FinishReason.Stop, 2);

        Assert.Equal("First line.\n    indented line", reply.Items[0].Value);
        Assert.Equal(ParseProblems.MissingOutput, reply.Items[1].Reason);
    }

    [Fact]
    public void Rewrites_ignore_echoed_source_fields()
    {
        var reply = BatchReplyParser.ParseRewrites(
            "Item 1\nQuestion: 감기에 걸렸는데 샤워해도 되나요?\nInstruction: 감기에 걸렸을 때 샤워해도 되는지 알려 주세요.\nOutput: 네, 미지근한 물로 짧게 씻는 것은 괜찮습니다.\n물기는 바로 닦으세요.",
            FinishReason.Stop, 1, LanguageProfile.Korean);

        Assert.Equal(
            new DraftTask("감기에 걸렸을 때 샤워해도 되는지 알려 주세요.", "", "네, 미지근한 물로 짧게 씻는 것은 괜찮습니다.\n물기는 바로 닦으세요."),
            Assert.Single(reply.Accepted));
    }

    [Fact]
    public void An_empty_reply_rejects_every_item()
    {
        var reply = BatchReplyParser.ParseAnswers(null, FinishReason.Stop, 3);

        Assert.All(reply.Items, item => Assert.Equal(ParseProblems.MissingItem, item.Reason));
        Assert.Contains(reply.Problems, p => p.Code == ParseProblems.Empty);
    }

    [Theory]
    [InlineData("Python에서 list comprehension을 설명하세요.", Language.Ko, true)]
    [InlineData("Explain list comprehensions in Python.", Language.Ko, false)]
    [InlineData("리스트 내포를 설명하세요.", Language.En, false)]
    [InlineData("Explain what 김치 is.", Language.En, true)]
    [InlineData("2 + 2 = ?", Language.Ko, true)]
    public void Language_check_goes_by_script(string text, Language language, bool expected)
    {
        Assert.Equal(expected, LanguageCheck.IsWrittenIn(text, LanguageProfile.For(language)));
    }

    private static BatchReply<InstructionItem> Translate(string response, FinishReason finish = FinishReason.Stop) =>
        BatchReplyParser.ParseTranslations(response, finish, Sources, LanguageProfile.Korean);
}
