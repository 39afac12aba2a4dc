using System.Text;
using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// The two KoAlpaca v1.0 stages, batched: translate the instruction and input of existing records into the run's
/// language, then answer the translated instructions afresh in that language. Both prompts are written in the
/// run's language and list the items as <c>Item N</c> blocks, ending with the <see cref="PromptMarkers.ReplyFields"/> line.
/// </summary>
public static class TranslationPrompts
{
    /// <param name="target">The language translated into; the prompt is written in it.</param>
    public static ChatPrompt BuildTranslation(IReadOnlyList<InstructionItem> items, LanguageProfile target, ResponseStyle style = ResponseStyle.Text)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(target);
        var prompts = PromptCatalog.For(target);
        var user = new StringBuilder(prompts.TranslationHeader).Append("\n\n");
        var characters = 0;
        for (var i = 0; i < items.Count; i++)
        {
            ItemLayout.AppendHeading(user, i + 1);
            ItemLayout.AppendInstruction(user, PromptMarkers.Instruction, items[i].Instruction);
            ItemLayout.AppendInput(user, items[i].Input).Append('\n');
            characters += items[i].Instruction.Length + items[i].Input.Length;
        }

        ItemLayout.AppendReplyFields(user, PromptMarkers.Instruction, PromptMarkers.Input);
        return ChatPrompts.Create(PromptNames.Translation, target, prompts.TranslationSystem, prompts.TranslationJsonRequest,
            user.ToString(), style, ModeSampling.Translation(items.Count, characters, json: false),
            ModeSampling.Translation(items.Count, characters, json: true), PromptSchemas.Translations);
    }

    public static ChatPrompt BuildAnswers(IReadOnlyList<InstructionItem> items, LanguageProfile language, ResponseStyle style = ResponseStyle.Text)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(language);
        var prompts = PromptCatalog.For(language);
        var user = new StringBuilder(prompts.AnswerHeader).Append("\n\n");
        for (var i = 0; i < items.Count; i++)
        {
            ItemLayout.AppendHeading(user, i + 1);
            ItemLayout.AppendInstruction(user, PromptMarkers.Instruction, items[i].Instruction);
            ItemLayout.AppendInput(user, items[i].Input).Append('\n');
        }

        ItemLayout.AppendReplyFields(user, PromptMarkers.Output);
        return ChatPrompts.Create(PromptNames.Answers, language, prompts.AnswerSystem, prompts.AnswerJsonRequest,
            user.ToString(), style, ModeSampling.Answers(items.Count, json: false), ModeSampling.Answers(items.Count, json: true),
            PromptSchemas.Answers);
    }
}
