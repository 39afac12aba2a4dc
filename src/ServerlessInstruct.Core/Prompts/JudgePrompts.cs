using System.Text;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// The judging stage, batched: several finished records per call, each an <c>Item N</c> block of its instruction,
/// input, output and, for the modes that have one, its <c>Source:</c>. The reply gives a <c>Score:</c> and a
/// <c>Reason:</c> per item, a <c>Safety:</c> category when the run screens for safety, and <c>Grounded:</c> when
/// the batch has sources. Greedy sampling, so the same record gets the same verdict.
/// </summary>
public static class JudgePrompts
{
    public static ChatPrompt Build(IReadOnlyList<JudgeItem> items, LanguageProfile language, bool safety, ResponseStyle style = ResponseStyle.Text)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(language);
        var prompts = PromptCatalog.For(language);
        var grounding = items.Any(item => item.Source is not null);
        var header = new StringBuilder(prompts.JudgeHeader);
        if (safety)
        {
            header.Append(' ').Append(prompts.JudgeSafetyRequest);
        }

        if (grounding)
        {
            header.Append(' ').Append(prompts.JudgeGroundingRequest);
        }

        var user = header.Append("\n\n");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            ItemLayout.AppendHeading(user, i + 1);
            ItemLayout.AppendInstruction(user, PromptMarkers.Instruction, item.Instruction);
            ItemLayout.AppendInput(user, item.Input);
            ItemLayout.AppendBlock(user, PromptMarkers.Output, item.Output);
            if (item.Source is not null)
            {
                ItemLayout.AppendBlock(user, PromptMarkers.Source, item.Source);
            }

            user.Append('\n');
        }

        List<string> fields = [PromptMarkers.Score, PromptMarkers.Reason];
        if (safety)
        {
            fields.Add(PromptMarkers.Safety);
        }

        if (grounding)
        {
            fields.Add(PromptMarkers.Grounded);
        }

        ItemLayout.AppendReplyFields(user, [.. fields]);
        return ChatPrompts.Create(PromptNames.Judge, language, prompts.JudgeSystem, prompts.JudgeJsonRequest, user.ToString(), style,
            ModeSampling.Judge(items.Count, json: false), ModeSampling.Judge(items.Count, json: true), PromptSchemas.Verdicts(safety, grounding));
    }
}
