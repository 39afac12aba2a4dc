using System.Text;
using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// The KoAlpaca v1.1 stage, batched: community question/answer pairs become a self-contained instruction and a
/// complete response grounded in the accepted answer. Items are <c>Item N</c> blocks of <c>Question:</c>, optional
/// <c>Details:</c> and <c>Answer:</c> lines; the reply gives <c>Instruction:</c> and <c>Output:</c> per item.
/// </summary>
public static class QaRewritePrompts
{
    public static ChatPrompt Build(IReadOnlyList<QuestionAnswerItem> items, LanguageProfile language, ResponseStyle style = ResponseStyle.Text)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(language);
        var prompts = PromptCatalog.For(language);
        var user = new StringBuilder(prompts.QaRewriteHeader).Append("\n\n");
        var characters = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            ItemLayout.AppendHeading(user, i + 1);
            ItemLayout.AppendInstruction(user, PromptMarkers.Question, item.Question);
            if (!string.IsNullOrWhiteSpace(item.Details))
            {
                ItemLayout.AppendBlock(user, PromptMarkers.Details, item.Details);
            }

            ItemLayout.AppendBlock(user, PromptMarkers.Answer, item.Answer).Append('\n');
            characters += item.Question.Length + item.Details.Length + item.Answer.Length;
        }

        ItemLayout.AppendReplyFields(user, PromptMarkers.Instruction, PromptMarkers.Output);
        return ChatPrompts.Create(PromptNames.QaRewrite, language, prompts.QaRewriteSystem, prompts.QaRewriteJsonRequest,
            user.ToString(), style, ModeSampling.QaRewrite(items.Count, characters, json: false),
            ModeSampling.QaRewrite(items.Count, characters, json: true), PromptSchemas.QaRewrites);
    }
}
