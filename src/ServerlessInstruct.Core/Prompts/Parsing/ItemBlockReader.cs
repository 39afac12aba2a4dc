using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>A field of an <c>Item N</c> block. <see cref="Echo"/> is a source field the model repeated (a question, details), kept apart so it is not mistaken for part of another field.</summary>
internal enum ItemField
{
    Instruction,
    Input,
    Output,
    Echo,
    Score,
    Reason,
    Safety,
    Grounded,
}

/// <summary>One <c>Item N</c> block of a reply and its fields' text, trimmed.</summary>
internal sealed record ItemBlock(int Number, IReadOnlyDictionary<ItemField, string> Fields)
{
    public string? this[ItemField field] => Fields.GetValueOrDefault(field);
}

/// <summary>
/// Splits a plain-text reply into <c>Item N</c> blocks of labelled fields (English labels, or their Korean
/// counterparts). A value runs on over following lines until the next label or heading. Fields before any heading
/// belong to the item the prompt left open; a field repeated without a heading starts the next item. Tolerates
/// Markdown headings and bold. A reply cut off by the token limit or the content filter loses its last block, the one
/// the cut may have damaged. Never throws.
/// </summary>
internal static partial class ItemBlockReader
{
    /// <param name="openNumber">The number of the item the reply starts in when it writes no heading first.</param>
    /// <param name="cut">The <see cref="ParseProblems"/> code of a cut-off reply, or null for a complete one.</param>
    /// <param name="labels">The field of a bare label, or null for text that is no label; by default the task fields'.</param>
    public static List<ItemBlock> Read(string text, int openNumber, string? cut, List<ParseProblem> problems, Func<string, ItemField?>? labels = null)
    {
        labels ??= TaskField;
        var blocks = new List<(int Number, Dictionary<ItemField, StringBuilder> Fields)>();
        (int Number, Dictionary<ItemField, StringBuilder> Fields)? current = null;
        var nextNumber = openNumber;
        StringBuilder? value = null;
        var ignored = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var bare = Markdown.Bare(line);
            var heading = Heading().Match(bare);
            if (heading.Success && int.TryParse(heading.Groups["n"].ValueSpan, out var number))
            {
                current = (number, new Dictionary<ItemField, StringBuilder>());
                blocks.Add(current.Value);
                nextNumber = number + 1;
                value = null;
                continue;
            }

            if (Markdown.SplitLabel(line) is { } split && labels(split.Label) is { } field)
            {
                if (current is null || (field != ItemField.Echo && current.Value.Fields.ContainsKey(field)))
                {
                    current = (current is null ? nextNumber : current.Value.Number + 1, new Dictionary<ItemField, StringBuilder>());
                    blocks.Add(current.Value);
                    nextNumber = current.Value.Number + 1;
                }

                value = new StringBuilder(split.Value);
                current.Value.Fields[field] = value;
            }
            else if (value is not null)
            {
                value.Append('\n').Append(line);
            }
            else if (bare.Length > 0)
            {
                ignored++;
            }
        }

        if (ignored > 0)
        {
            problems.Add(new ParseProblem(ParseProblems.IgnoredText, $"{ignored} line(s) belong to no item field"));
        }

        // The last block, even a bare heading: a cut right after "Item 7" leaves item 6 whole.
        if (cut is not null && blocks.Count > 0)
        {
            problems.Add(new ParseProblem(cut, $"the reply was cut off, so its last item ({PromptMarkers.Item} {blocks[^1].Number}) is dropped"));
            blocks.RemoveAt(blocks.Count - 1);
        }

        return blocks
            .Where(block => block.Fields.Count > 0)
            .Select(block => new ItemBlock(block.Number, block.Fields.ToDictionary(f => f.Key, f => f.Value.ToString().Trim())))
            .ToList();
    }

    /// <summary>The fields of a reply about tasks: instruction, input, output, and echoed source fields.</summary>
    private static ItemField? TaskField(string label) => FieldLabel().IsMatch(label) ? ToField(label) : null;

    /// <summary>
    /// The fields of a judge's reply. Its own labels only, so that a line such as <c>Reason: ...</c> inside a generated
    /// output never splits a task reply; the record's fields, if the judge repeats them, are echoes.
    /// </summary>
    public static ItemField? VerdictField(string label) => label.ToLowerInvariant() switch
    {
        "score" or "점수" => ItemField.Score,
        "reason" or "이유" or "근거" => ItemField.Reason,
        "safety" or "안전" or "안전성" => ItemField.Safety,
        "grounded" or "근거 여부" => ItemField.Grounded,
        _ => FieldLabel().IsMatch(label) || label.Equals("source", StringComparison.OrdinalIgnoreCase) ? ItemField.Echo : null,
    };

    private static ItemField ToField(string label) => label.ToLowerInvariant() switch
    {
        "instruction" or "지시문" or "지시" => ItemField.Instruction,
        "input" or "입력" => ItemField.Input,
        "output" or "answer" or "response" or "출력" or "답변" or "응답" => ItemField.Output,
        _ => ItemField.Echo,
    };

    [GeneratedRegex(@"^(?:item|항목)\s*(?<n>\d{1,4})\s*[:.)]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    /// <summary>The labels of a field, matched against the bare label of <see cref="Markdown.SplitLabel"/>.</summary>
    [GeneratedRegex(@"^(?:instruction|input|output|answer|response|question|details|지시문|지시|입력|출력|답변|응답|질문|세부\s*내용)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FieldLabel();
}
