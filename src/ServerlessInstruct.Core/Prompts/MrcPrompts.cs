using System.Globalization;
using System.Text;
using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>A question for the MRC sentence prompt: its passage, the question and the span the answer must keep.</summary>
public sealed record MrcAnswerItem(string Passage, string Question, string Span);

/// <summary>
/// The MRC <c>sentence</c> style, batched: each passage is written once (<c>Passage N</c> and its text), then one
/// <c>Item N</c> per question naming its passage, with <c>Question:</c> and <c>Span:</c> lines; the reply gives an
/// <c>Output:</c> sentence per item. Several questions about one passage share its tokens.
/// </summary>
public static class MrcPrompts
{
    public static ChatPrompt Build(IReadOnlyList<MrcAnswerItem> items, LanguageProfile language, ResponseStyle style = ResponseStyle.Text)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(language);
        var prompts = PromptCatalog.For(language);
        var user = new StringBuilder(prompts.MrcAnswerHeader).Append("\n\n");
        var passages = new Dictionary<string, int>(StringComparer.Ordinal);
        var characters = 0;
        foreach (var passage in items.Select(i => i.Passage).Distinct(StringComparer.Ordinal))
        {
            passages[passage] = passages.Count + 1;
            user.Append(PromptMarkers.Passage).Append(' ').Append(passages[passage].ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(OneParagraph(passage)).Append("\n\n");
            characters += passage.Length;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            ItemLayout.AppendHeading(user, i + 1);
            ItemLayout.AppendLine(user, PromptMarkers.Passage + ":", passages[item.Passage].ToString(CultureInfo.InvariantCulture));
            ItemLayout.AppendInstruction(user, PromptMarkers.Question, item.Question);
            ItemLayout.AppendInstruction(user, PromptMarkers.Span, item.Span).Append('\n');
        }

        ItemLayout.AppendReplyFields(user, PromptMarkers.Output);
        return ChatPrompts.Create(PromptNames.MrcAnswers, language, prompts.MrcAnswerSystem, prompts.MrcAnswerJsonRequest,
            user.ToString(), style, ModeSampling.MrcAnswers(items.Count, characters, json: false),
            ModeSampling.MrcAnswers(items.Count, characters, json: true), PromptSchemas.Answers);
    }

    /// <summary>The passage without blank lines or lines that would read as an item heading or a label of the prompt.</summary>
    private static string OneParagraph(string passage) =>
        string.Join(' ', passage.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
