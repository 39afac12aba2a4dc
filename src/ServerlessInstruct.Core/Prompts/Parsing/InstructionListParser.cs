using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServerlessInstruct.Core.Filtering;

namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>
/// Reads the new instructions out of an instruction-generation response, JSON (<c>{"instructions": [...]}</c>) or a
/// numbered list. Never throws: whatever cannot be used is reported as a <see cref="ParseProblem"/>.
/// </summary>
public static partial class InstructionListParser
{
    /// <param name="response">The model's text.</param>
    /// <param name="finishReason">Why the model stopped; a cut-off response is handled as <paramref name="truncation"/> says.</param>
    /// <param name="maxItems">Most instructions taken (7 after 8 examples, see <see cref="SelfInstructPrompts.MaxNewInstructions"/>).</param>
    /// <param name="continuesFrom">The bare number the prompt ended with: an unnumbered first line is the text of that item.</param>
    public static ParseResult<string> Parse(string? response, FinishReason finishReason, TruncationPolicy truncation,
        int maxItems = 7, int continuesFrom = 9)
    {
        var problems = new List<ParseProblem>();
        if (string.IsNullOrWhiteSpace(response))
        {
            problems.Add(ParseProblems.NoText(finishReason));
            return new ParseResult<string>([], problems);
        }

        var cut = ParseProblems.ForCut(finishReason);
        if (cut is not null && truncation == TruncationPolicy.DiscardResponse)
        {
            problems.Add(new ParseProblem(cut, "the response was cut off, so it is discarded whole"));
            return new ParseResult<string>([], problems);
        }

        List<string> items;
        if (ModelJson.TryLocate(response, out var json))
        {
            var read = ModelJson.ReadArray(json, "instructions", ItemText);
            if (read.Unusable > 0)
            {
                problems.Add(new ParseProblem(ParseProblems.EmptyItem, $"{read.Unusable} item(s) of the JSON array hold no instruction text"));
            }

            // Complete JSON items are whole even in a cut-off response: only the unfinished tail is lost.
            if (read.End == ArrayEnd.CutOff)
            {
                problems.Add(new ParseProblem(cut ?? ParseProblems.Truncated, $"the JSON ends early; {read.Items.Count} complete item(s) kept"));
            }

            IReadOnlyList<string> found = read.Items;
            if (read.End == ArrayEnd.Invalid)
            {
                // Pretty-printed JSON keeps one string per line, so its quoted lines often recover items past the error.
                var quoted = QuotedLines(json);
                var useQuoted = quoted.Count > read.Items.Count;
                found = useQuoted ? quoted : read.Items;
                problems.Add(new ParseProblem(ParseProblems.MalformedJson, useQuoted
                    ? $"{read.Error}; {quoted.Count} quoted line(s) read as items"
                    : $"{read.Error}; {read.Items.Count} item(s) before the error kept"));
            }

            items = [.. found.Select(WithoutNumber)];
        }

        else
        {
            var list = ParseText(response, continuesFrom, problems);
            items = list.Items;
            if (cut is not null && list.EndedEarly)
            {
                problems.Add(new ParseProblem(cut, "the response was cut off after the end of the list, so no item is lost"));
            }
            else if (cut is not null && items.Count > 0)
            {
                items.RemoveAt(items.Count - 1);
                problems.Add(new ParseProblem(cut, "the response was cut off, so its last item is dropped"));
            }
        }

        var cleaned = new List<string>(items.Count);
        foreach (var item in items)
        {
            var text = InstructionText.CollapseWhitespace(item);
            if (text.Length == 0)
            {
                problems.Add(new ParseProblem(ParseProblems.EmptyItem, "an item holds no text"));
            }
            else
            {
                cleaned.Add(text);
            }
        }

        if (cleaned.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ParseProblem(ParseProblems.Empty, "the response holds no instruction"));
        }

        if (cleaned.Count > maxItems)
        {
            problems.Add(new ParseProblem(ParseProblems.TooMany, $"{cleaned.Count} items where at most {maxItems} were asked for; the extra ones are dropped"));
            cleaned.RemoveRange(maxItems, cleaned.Count - maxItems);
        }

        return new ParseResult<string>(cleaned, problems);
    }

    private static string? ItemText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String when !string.IsNullOrWhiteSpace(element.GetString()) => element.GetString(),
        JsonValueKind.Object => ModelJson.GetText(element, "instruction", "task", "text") is { } text && !string.IsNullOrWhiteSpace(text) ? text : null,
        _ => null,
    };

    /// <summary>
    /// Splits a numbered list where the original's stop sequences end it: at the first blank line after an item, or at
    /// item <see cref="SelfInstructPrompts.StopNumber"/>, so a server that ignores stop sequences yields no more than
    /// one that honours them. Unnumbered lines continue the item above them. Unnumbered lines before the first number
    /// are the item the prompt left open, unless the list itself starts at or below that number or the text ends with a
    /// colon; a blank line after such a preamble does not end the list.
    /// </summary>
    private static TextList ParseText(string text, int continuesFrom, List<ParseProblem> problems)
    {
        var items = new List<string>();
        var leading = new StringBuilder();
        StringBuilder? current = null;
        int? firstNumber = null;
        var afterBlank = false;
        var ended = false;
        var ignored = 0;
        var pastStop = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                afterBlank = true;
                continue;
            }

            if (ended)
            {
                ignored++;
                continue;
            }

            if (pastStop > 0)
            {
                pastStop++;
                continue;
            }

            var item = ItemStart().Match(line);
            int? number = item.Success && item.Groups["number"].Success
                ? int.Parse(item.Groups["number"].ValueSpan, CultureInfo.InvariantCulture)
                : null;

            // The original stopped generating at the blank line after an item. Text before the list is an item only
            // when the list goes on above the open number, so only the first number tells whether a blank line after
            // that text ended the list or just followed a preamble.
            if (afterBlank && (current is not null || (item.Success && IsOpenItem(leading.ToString().Trim(), number ?? 0, continuesFrom))))
            {
                ended = true;
                ignored++;
            }
            else if (number >= SelfInstructPrompts.StopNumber)
            {
                pastStop++;
            }
            else if (item.Success)
            {
                if (current is not null)
                {
                    items.Add(current.ToString());
                }

                // A bulleted answer did not continue the prompt's numbering, so text before it is not the open item.
                firstNumber ??= number ?? 0;
                current = new StringBuilder(TextOf(item));
                afterBlank = false;
            }
            else if (current is not null)
            {
                current.Append(' ').Append(Markdown.Unbold(line));
            }
            else if (!afterBlank)
            {
                leading.Append(' ').Append(Markdown.Unbold(line));
            }
            else
            {
                // Between a preamble and the list.
                ignored++;
            }
        }

        if (current is not null)
        {
            items.Add(current.ToString());
        }

        var opening = leading.ToString().Trim();
        if (opening.Length > 0)
        {
            if (IsOpenItem(opening, firstNumber, continuesFrom))
            {
                items.Insert(0, opening);
            }
            else
            {
                problems.Add(new ParseProblem(ParseProblems.Preamble, $"text before the list is not an item: \"{ParseProblems.Shorten(opening)}\""));
            }
        }

        if (ignored > 0)
        {
            problems.Add(new ParseProblem(ParseProblems.IgnoredText, $"{ignored} line(s) after a blank line belong to no numbered item"));
        }

        if (pastStop > 0)
        {
            problems.Add(new ParseProblem(ParseProblems.TooMany,
                $"the list reaches item {SelfInstructPrompts.StopNumber}, where the original stops generating; {pastStop} line(s) from there on are dropped"));
        }

        return new TextList(items, ended || pastStop > 0);
    }

    /// <summary>Whether text before the list is the item the prompt left open, given the number the list goes on with.</summary>
    private static bool IsOpenItem(string opening, int? firstNumber, int continuesFrom) =>
        opening.Length > 0 && (firstNumber is null || firstNumber > continuesFrom) && !opening.EndsWith(':');

    /// <summary>
    /// JSON too broken to parse usually still has each string of its array on a line of its own: those lines are the
    /// items, everything else is syntax.
    /// </summary>
    private static List<string> QuotedLines(string json)
    {
        var items = new List<string>();
        foreach (var rawLine in json.Split('\n'))
        {
            var line = rawLine.Trim().TrimEnd(',').TrimEnd();
            if (line.Length >= 2 && line[0] == '"' && line[^1] == '"')
            {
                items.Add(line[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal));
            }
        }

        return items;
    }

    /// <summary>Models asked for bare strings still number them, and set them in bold, now and then.</summary>
    private static string WithoutNumber(string item) =>
        ItemStart().Match(item.Trim()) is { Success: true } match && match.Groups["number"].Success ? TextOf(match) : Markdown.Unbold(item);

    /// <summary>
    /// The text after an item's number or bullet, less the bold around the whole item (<c>**11. Explain gravity.**</c>)
    /// or around all of its text (<c>11. **Explain gravity.**</c>).
    /// </summary>
    private static string TextOf(Match item)
    {
        var text = item.Groups["text"].Value.TrimEnd();
        if (item.Groups["open"].Success && !item.Groups["close"].Success && text.EndsWith("**", StringComparison.Ordinal))
        {
            text = text[..^2];
        }

        return Markdown.Unbold(text);
    }

    /// <param name="EndedEarly">Whether the list ended before the text did (at a blank line or the stop number).</param>
    private sealed record TextList(List<string> Items, bool EndedEarly);

    /// <summary><c>9.</c>, <c>9)</c>, <c>10 -</c>, <c>10:</c>, <c>**11.**</c>, or a <c>-</c>/<c>*</c>/<c>•</c> bullet, followed by space or the end of the line.</summary>
    [GeneratedRegex(@"^(?<open>\*\*)?(?:(?<number>[0-9]{1,3})\s*[.):\-–](?<close>\*\*)?|[-*•])(?:\s+|$)(?<text>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemStart();
}
