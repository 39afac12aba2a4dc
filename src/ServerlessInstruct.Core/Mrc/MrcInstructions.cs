using System.Text;
using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// The instruction and output texts of MRC records, in the run's language. The instruction states the format the
/// answer must take (the point of turning MRC data into instruction data: the same question, answered as the
/// instruction asks); the passage is the record's input.
/// </summary>
public static class MrcInstructions
{
    private sealed record Texts(string Span, string Sentence, string Choice, string QuestionLabel, string NotInPassage);

    private static readonly Texts English = new(
        Span: "Answer the question using only the passage. Reply with the exact words of the passage that answer it, and nothing else.",
        Sentence: "Answer the question using only the passage, in one complete and natural sentence.",
        Choice: "Answer the question using only the passage by choosing one of the options. Reply with the letter of the option followed by the option itself.",
        QuestionLabel: "Question:",
        NotInPassage: "The passage does not contain the answer to this question.");

    private static readonly Texts Korean = new(
        Span: "지문만 근거로 질문에 답하세요. 답에 해당하는 지문의 표현을 그대로 옮겨 쓰고, 다른 말은 덧붙이지 마세요.",
        Sentence: "지문만 근거로 질문에 답하세요. 답은 완전하고 자연스러운 한 문장으로 쓰세요.",
        Choice: "지문만 근거로 질문에 알맞은 보기를 하나 고르세요. 보기의 기호를 먼저 쓰고 이어서 보기의 내용을 쓰세요.",
        QuestionLabel: "질문:",
        NotInPassage: "지문에는 이 질문에 대한 답이 나와 있지 않습니다.");

    /// <summary>The instruction of a record in <paramref name="style"/>; a choice record lists its options after the question.</summary>
    public static string Instruction(string style, LanguageProfile language, string question, MrcChoice? choice = null)
    {
        ArgumentNullException.ThrowIfNull(language);
        var texts = For(language);
        var lead = style switch
        {
            AnswerStyles.Sentence => texts.Sentence,
            AnswerStyles.Choice => texts.Choice,
            _ => texts.Span,
        };
        var text = new StringBuilder(lead).Append("\n\n").Append(texts.QuestionLabel).Append(' ').Append(question.Trim());
        if (choice is not null)
        {
            for (var i = 0; i < choice.Options.Count; i++)
            {
                text.Append('\n').Append(MrcChoice.Letter(i)).Append(". ").Append(choice.Options[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>The answer of an unanswerable question, in every style: the passage does not say.</summary>
    public static string NotInPassage(LanguageProfile language) => For(language).NotInPassage;

    private static Texts For(LanguageProfile language) => language.Language == Language.Ko ? Korean : English;
}
