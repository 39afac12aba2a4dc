using System.Globalization;
using System.Text.Json;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>
/// Reads the replies to batch prompts (translation, answers, question/answer rewrites), JSON
/// (<c>{"items": [{"id": 1, ...}]}</c>) or <c>Item N</c> blocks, and matches them to the batch by number. Every item
/// gets one <see cref="ItemResult{T}"/>: its value, or why there is none (left out, cut off, empty, wrong language).
/// Never throws.
/// </summary>
public static class BatchReplyParser
{
    // The JSON property names read into each field; models asked for "output" now and then write "answer".
    private static readonly (ItemField Field, string[] Names)[] JsonNames =
    [
        (ItemField.Instruction, ["instruction"]),
        (ItemField.Input, ["input"]),
        (ItemField.Output, ["output", "answer", "response"]),
    ];

    /// <summary>
    /// Translations of <paramref name="sources"/>. An instruction must be non-empty and written in
    /// <paramref name="target"/>; a source with an input needs a translated input, and a source without one keeps none.
    /// </summary>
    public static BatchReply<InstructionItem> ParseTranslations(string? response, FinishReason finishReason,
        IReadOnlyList<InstructionItem> sources, LanguageProfile target)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(target);
        return Parse(response, finishReason, sources.Count, (index, block) =>
        {
            if (CheckInstruction(index, block, target) is { } rejection)
            {
                return ItemResult.Reject<InstructionItem>(index, rejection.Reason, rejection.Detail);
            }

            var input = NoInput.Clean(block[ItemField.Input]);
            if (sources[index].Input.Trim().Length > 0 && input.Length == 0)
            {
                return ItemResult.Reject<InstructionItem>(index, ParseProblems.MissingInput, $"item {index + 1} has an input but its translation has none");
            }

            var instruction = InstructionText.CollapseWhitespace(block[ItemField.Instruction]!);
            return ItemResult.Accept<InstructionItem>(index, new InstructionItem(instruction, sources[index].Input.Trim().Length > 0 ? input : string.Empty));
        });
    }

    /// <summary>Answers to a batch of <paramref name="count"/> instructions. An empty answer is kept for the instance filter to reject with its own reason.</summary>
    public static BatchReply<string> ParseAnswers(string? response, FinishReason finishReason, int count) =>
        Parse(response, finishReason, count, (index, block) => block[ItemField.Output] is { } output
            ? ItemResult.Accept<string>(index, output)
            : ItemResult.Reject<string>(index, ParseProblems.MissingOutput, $"item {index + 1} has no output"));

    /// <summary>Rewrites of a batch of <paramref name="count"/> question/answer pairs into an instruction in <paramref name="language"/> and its output.</summary>
    public static BatchReply<DraftTask> ParseRewrites(string? response, FinishReason finishReason, int count, LanguageProfile language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Parse(response, finishReason, count, (index, block) =>
        {
            if (CheckInstruction(index, block, language) is { } rejection)
            {
                return ItemResult.Reject<DraftTask>(index, rejection.Reason, rejection.Detail);
            }

            return block[ItemField.Output] is { } output
                ? ItemResult.Accept<DraftTask>(index, new DraftTask(InstructionText.CollapseWhitespace(block[ItemField.Instruction]!), string.Empty, output))
                : ItemResult.Reject<DraftTask>(index, ParseProblems.MissingOutput, $"item {index + 1} has no output");
        });
    }

    /// <summary>Why an item's instruction cannot be used, or null when it can.</summary>
    private static (string Reason, string Detail)? CheckInstruction(int index, ItemBlock block, LanguageProfile language)
    {
        var instruction = InstructionText.CollapseWhitespace(block[ItemField.Instruction] ?? string.Empty);
        if (instruction.Length == 0)
        {
            return (ParseProblems.EmptyInstruction, $"item {index + 1} has no instruction");
        }

        return LanguageCheck.IsWrittenIn(instruction, language)
            ? null
            : (ParseProblems.WrongLanguage, $"item {index + 1} is not written in {language.EnglishName}: \"{ParseProblems.Shorten(instruction)}\"");
    }

    private static BatchReply<T> Parse<T>(string? response, FinishReason finishReason, int count, Func<int, ItemBlock, ItemResult<T>> judge)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var problems = new List<ParseProblem>();
        var cut = ParseProblems.ForCut(finishReason);
        var blocks = new Dictionary<int, ItemBlock>();
        if (string.IsNullOrWhiteSpace(response))
        {
            problems.Add(ParseProblems.NoText(finishReason));
        }
        else
        {
            var read = ModelJson.TryLocate(response, out var json) && ReadJson(json, problems, cut) is { } fromJson
                ? fromJson
                : ItemBlockReader.Read(response, 1, cut, problems);
            var unexpected = 0;
            foreach (var block in read)
            {
                if (block.Number < 1 || block.Number > count || !blocks.TryAdd(block.Number, block))
                {
                    unexpected++;
                }
            }

            if (unexpected > 0)
            {
                problems.Add(new ParseProblem(ParseProblems.UnexpectedItem, $"{unexpected} entr(y/ies) numbered outside 1-{count} or repeating an item; ignored"));
            }
        }

        var results = new ItemResult<T>[count];
        for (var index = 0; index < count; index++)
        {
            results[index] = blocks.TryGetValue(index + 1, out var block)
                ? judge(index, block)
                : ItemResult.Reject<T>(index, ParseProblems.MissingItem, cut is null
                    ? $"the reply has no {PromptMarkers.Item} {index + 1}"
                    : $"the reply was cut off ({cut}) before {PromptMarkers.Item} {index + 1} was complete");
        }

        return new BatchReply<T>(results, problems);
    }

    /// <summary>The entries of a JSON reply as blocks, or null when it holds none and should be read as text instead.</summary>
    private static List<ItemBlock>? ReadJson(string json, List<ParseProblem> problems, string? cut)
    {
        var position = 0;
        var read = ModelJson.ReadArray(json, "items", element =>
        {
            position++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var number = int.TryParse(ModelJson.GetText(element, "id", "item", "number"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : position;
            var fields = new Dictionary<ItemField, string>();
            foreach (var (field, names) in JsonNames)
            {
                if (ModelJson.GetText(element, names) is { } text)
                {
                    fields[field] = text.Trim();
                }
            }

            return new ItemBlock(number, fields);
        });
        return read.Kept(problems, cut, "entr(y/ies)");
    }
}
