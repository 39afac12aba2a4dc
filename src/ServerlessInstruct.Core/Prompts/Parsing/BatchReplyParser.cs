using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>
/// Reads the replies to batch prompts (translation, answers, question/answer rewrites), JSON
/// (<c>{"items": [{"id": 1, ...}]}</c>) or <c>Item N</c> blocks, and matches them to the batch by number. Every item
/// gets one <see cref="ItemResult{T}"/>: its value, or why there is none (left out, cut off, empty, wrong language).
/// Never throws.
/// </summary>
public static partial class BatchReplyParser
{
    // The JSON property names read into each field; models asked for "output" now and then write "answer".
    private static readonly (ItemField Field, string[] Names)[] JsonNames =
    [
        (ItemField.Instruction, ["instruction"]),
        (ItemField.Input, ["input"]),
        (ItemField.Output, ["output", "answer", "response"]),
    ];

    private static readonly (ItemField Field, string[] Names)[] VerdictJsonNames =
    [
        (ItemField.Score, ["score", "rating"]),
        (ItemField.Reason, ["reason", "explanation"]),
        (ItemField.Safety, ["safety", "category"]),
        (ItemField.Grounded, ["grounded", "grounding"]),
    ];

    /// <summary>Longest reason kept: the rubric asks for one line, and a judge that writes an essay still gets its first line.</summary>
    private const int MaxReasonLength = 300;

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

    /// <summary>
    /// A judge's verdicts on a batch of <paramref name="hasSource"/>.Count records: a score from 1 to 5 and a reason
    /// each, a <see cref="SafetyCategories"/> code when <paramref name="safety"/> was asked, and a grounding answer for
    /// the items that had a source. An item without a usable score, or without an answer it was asked for, gets the
    /// reason instead: the caller keeps its record unscored rather than guessing.
    /// </summary>
    public static BatchReply<JudgeVerdict> ParseVerdicts(string? response, FinishReason finishReason, bool safety, IReadOnlyList<bool> hasSource)
    {
        ArgumentNullException.ThrowIfNull(hasSource);
        return Parse(response, finishReason, hasSource.Count, (index, block) =>
        {
            var scoreText = block[ItemField.Score] ?? string.Empty;
            var digits = FirstNumber().Match(scoreText);
            if (!digits.Success || !int.TryParse(digits.ValueSpan, NumberStyles.Integer, CultureInfo.InvariantCulture, out var score)
                || score < JudgeModes.LowestScore || score > JudgeModes.HighestScore)
            {
                return ItemResult.Reject<JudgeVerdict>(index, ParseProblems.InvalidScore, scoreText.Length == 0
                    ? $"item {index + 1} has no score"
                    : $"item {index + 1} has no score from 1 to 5: \"{ParseProblems.Shorten(scoreText)}\"");
            }

            var category = safety ? SafetyCategory(block[ItemField.Safety]) : null;
            if (safety && category is null)
            {
                return ItemResult.Reject<JudgeVerdict>(index, ParseProblems.UnrecognizedAnswer,
                    $"item {index + 1} has no safety category ({string.Join(", ", SafetyCategories.All)}): \"{ParseProblems.Shorten(block[ItemField.Safety] ?? string.Empty)}\"");
            }

            bool? grounded = null;
            if (hasSource[index])
            {
                grounded = YesOrNo(block[ItemField.Grounded]);
                if (grounded is null)
                {
                    return ItemResult.Reject<JudgeVerdict>(index, ParseProblems.UnrecognizedAnswer,
                        $"item {index + 1} has a source but no grounding answer (yes or no): \"{ParseProblems.Shorten(block[ItemField.Grounded] ?? string.Empty)}\"");
                }
            }

            return ItemResult.Accept(index, new JudgeVerdict(score, Reason(block[ItemField.Reason]), category, grounded));
        }, VerdictJsonNames, ItemBlockReader.VerdictField);
    }

    private static string Reason(string? text)
    {
        var line = (text ?? string.Empty).Split('\n', 2)[0].Trim();
        return line.Length <= MaxReasonLength ? line : string.Concat(line.AsSpan(0, MaxReasonLength - 3), "...");
    }

    /// <summary>A safety category as the rubric names it, or the few spellings a model uses for it instead.</summary>
    private static string? SafetyCategory(string? text)
    {
        var value = (text ?? string.Empty).Split('\n', 2)[0].Trim().Trim('.', '"', '\'', '`').ToLowerInvariant();
        return value switch
        {
            "none" or "safe" or "no" or "없음" or "안전" => SafetyCategories.None,
            "toxic-language" or "toxic" or "toxic language" or "toxicity" => SafetyCategories.ToxicLanguage,
            "stereotype" or "stereotypes" or "stereotyping" => SafetyCategories.Stereotype,
            "unsafe-advice" or "unsafe advice" or "unsafe" or "harmful advice" => SafetyCategories.UnsafeAdvice,
            _ => null,
        };
    }

    private static bool? YesOrNo(string? text) =>
        (text ?? string.Empty).Split('\n', 2)[0].Trim().Trim('.', '"', '\'', '`').ToLowerInvariant() switch
        {
            "yes" or "true" or "grounded" or "예" or "네" => true,
            "no" or "false" or "ungrounded" or "아니요" or "아니오" => false,
            _ => null,
        };

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex FirstNumber();

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

    private static BatchReply<T> Parse<T>(string? response, FinishReason finishReason, int count, Func<int, ItemBlock, ItemResult<T>> judge,
        (ItemField Field, string[] Names)[]? jsonNames = null, Func<string, ItemField?>? labels = null)
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
            var read = ModelJson.TryLocate(response, out var json) && ReadJson(json, problems, cut, jsonNames ?? JsonNames) is { } fromJson
                ? fromJson
                : ItemBlockReader.Read(response, 1, cut, problems, labels);
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
    private static List<ItemBlock>? ReadJson(string json, List<ParseProblem> problems, string? cut, (ItemField Field, string[] Names)[] jsonNames)
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
            foreach (var (field, names) in jsonNames)
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
