using System.Globalization;
using System.Text.RegularExpressions;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.LlmSimulator.Protocol;

namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// What a prompt asks for, read from the cues the pipeline's prompts keep: a trailing bare list number asks to
/// continue a numbered list, a trailing bare <c>Item N</c> heading asks to continue a list of complete tasks, a
/// <c>Reply fields:</c> line asks for those fields for every <c>Item N</c> block of the prompt, an
/// <c>Is it classification?</c> line asks for Yes or No, <c>Input:</c> / <c>Output:</c> / <c>Class label:</c> example
/// lines ask for instances in that shape. Example lines also feed the sentences the simulator writes, so its answers
/// stay on the prompt's topics. The cues are the prompts' own <see cref="PromptMarkers"/>, so a label changed there
/// changes what the simulator reads, and no drift between the two goes unseen.
/// </summary>
internal sealed partial record PromptAnalysis(
    PromptLanguage Language,
    IReadOnlyList<string> Examples,
    int? ContinueListAt,
    bool AsksClassification,
    string? Task,
    string? InputLabel,
    string? OutputLabel,
    string? ClassLabelLabel,
    int? ContinueItemsAt,
    IReadOnlyList<string> ReplyFields,
    IReadOnlyList<BatchItem> BatchItems)
{
    /// <summary>True when the prompt lists items and names the fields to write for each.</summary>
    public bool AsksBatch => ReplyFields.Count > 0 && BatchItems.Count > 0;

    /// <summary>True when the prompt's examples are instances in <c>Input:</c> / <c>Output:</c> shape.</summary>
    public bool AsksInstances => OutputLabel is not null || ClassLabelLabel is not null;

    /// <summary>True when the prompt asks a judge's verdict (a <c>Score</c> field) for every item.</summary>
    public bool AsksJudgement => AsksBatch && ReplyFields.Contains(PromptMarkers.Score.TrimEnd(':'), StringComparer.OrdinalIgnoreCase);

    public static PromptAnalysis Of(IReadOnlyList<ChatMessage> messages)
    {
        string prompt = LastUserContent(messages);
        string[] lines = prompt.Split('\n', StringSplitOptions.TrimEntries);

        var examples = new List<string>();
        string? task = null;
        string? inputLabel = null;
        string? outputLabel = null;
        string? classLabel = null;
        bool asksClassification = false;
        var replyFields = new List<string>();
        var items = new List<BatchItem>();
        LineKind? itemField = null;
        foreach (string line in lines)
        {
            if (line.Length == 0)
            {
                itemField = null;
                continue;
            }

            Match heading = ItemHeading.Match(line);
            if (heading.Success)
            {
                items.Add(new BatchItem(int.Parse(heading.Groups["n"].ValueSpan, CultureInfo.InvariantCulture)));
                itemField = null;
                continue;
            }

            Match fields = ReplyFieldsLine.Match(line);
            if (fields.Success)
            {
                replyFields.AddRange(fields.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                continue;
            }

            if (ClassificationCue.IsMatch(line))
            {
                asksClassification = true;
                continue;
            }

            Match labelled = LabelledLine.Match(line);
            if (labelled.Success)
            {
                string label = labelled.Groups["label"].Value;
                string value = labelled.Groups["value"].Value.Trim();
                switch (KindOf(label))
                {
                    case LineKind.Task:
                        task = value;
                        break;
                    case LineKind.Input:
                        inputLabel ??= label;
                        break;
                    case LineKind.Output:
                        outputLabel ??= label;
                        break;
                    case LineKind.ClassLabel:
                        classLabel ??= label;
                        break;
                }

                if (items.Count > 0)
                {
                    itemField = KindOf(label);
                    items[^1] = itemField switch
                    {
                        LineKind.Input => items[^1] with { HasInput = !IsNoInput(value) },
                        LineKind.Output => items[^1] with { Output = value },
                        LineKind.Source => items[^1] with { Source = value },
                        _ => items[^1],
                    };
                }

                if (items.Count > 0 && KindOf(label) == LineKind.Span)
                {
                    items[^1] = items[^1] with { Span = value };
                    continue;
                }

                AddExample(examples, value);
                continue;
            }

            // A multi-line output or source of a batch item goes on until the next label or blank line.
            if (items.Count > 0 && itemField is LineKind.Output or LineKind.Source)
            {
                items[^1] = itemField == LineKind.Output
                    ? items[^1] with { Output = $"{items[^1].Output}\n{line}" }
                    : items[^1] with { Source = $"{items[^1].Source}\n{line}" };
            }

            Match numbered = NumberedLine().Match(line);
            if (numbered.Success)
            {
                AddExample(examples, StripLabel(numbered.Groups["text"].Value));
            }
        }

        int? continueItemsAt = TrailingItemHeading(lines);
        if (continueItemsAt is not null)
        {
            // The open heading ends the prompt: it is the item to write, not one to answer.
            items.RemoveAt(items.Count - 1);
        }

        return new PromptAnalysis(
            LanguageOf(messages),
            examples,
            TrailingListNumber(lines),
            asksClassification,
            task,
            inputLabel,
            outputLabel,
            classLabel,
            continueItemsAt,
            replyFields,
            items);
    }

    private static int? TrailingItemHeading(string[] lines)
    {
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            Match heading = ItemHeading.Match(lines[i]);
            return heading.Success ? int.Parse(heading.Groups["n"].ValueSpan, CultureInfo.InvariantCulture) : null;
        }

        return null;
    }

    private static bool IsNoInput(string value) =>
        value.Length == 0 || value.Equals(PromptMarkers.NoInput, StringComparison.OrdinalIgnoreCase) || value == "없음";

    private static string LastUserContent(IReadOnlyList<ChatMessage> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == "user")
            {
                return messages[i].Content.Replace("\r\n", "\n", StringComparison.Ordinal);
            }
        }

        return messages[^1].Content.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static int? TrailingListNumber(string[] lines)
    {
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            Match bare = BareListNumber().Match(lines[i]);
            return bare.Success && int.TryParse(bare.Groups["n"].Value, out int n) ? n : null;
        }

        return null;
    }

    /// <summary>
    /// Korean when the prompt asks for Korean output, English when it asks for English output (a prompt that
    /// translates Korean into English is mostly Hangul), else Korean when most of its letters are Hangul.
    /// </summary>
    private static PromptLanguage LanguageOf(IReadOnlyList<ChatMessage> messages)
    {
        int hangul = 0;
        int letters = 0;
        bool asksKorean = false;
        bool asksEnglish = false;
        foreach (ChatMessage message in messages)
        {
            foreach (char c in message.Content)
            {
                if (c is >= '\uAC00' and <= '\uD7A3')
                {
                    hangul++;
                    letters++;
                }
                else if (char.IsLetter(c))
                {
                    letters++;
                }
            }

            asksKorean |= KoreanTarget().IsMatch(message.Content);
            asksEnglish |= EnglishTarget().IsMatch(message.Content);
        }

        if (asksKorean)
        {
            return PromptLanguage.Korean;
        }

        return !asksEnglish && letters > 0 && hangul * 2 >= letters ? PromptLanguage.Korean : PromptLanguage.English;
    }

    private static void AddExample(List<string> examples, string text)
    {
        string collapsed = Whitespace().Replace(text, " ").Trim();
        if (collapsed.Length >= 8)
        {
            examples.Add(collapsed);
        }
    }

    private static string StripLabel(string text)
    {
        Match labelled = LabelledLine.Match(text);
        return labelled.Success ? labelled.Groups["value"].Value : text;
    }

    private enum LineKind
    {
        Task,
        Input,
        Output,
        ClassLabel,

        /// <summary>The answer span an MRC sentence must keep.</summary>
        Span,
        Source,
        Other,
    }

    /// <summary>
    /// The kind of each line label: the prompts' own (<see cref="PromptMarkers"/>), then the Korean and looser
    /// spellings a hand-written prompt may use.
    /// </summary>
    private static readonly (string Label, LineKind Kind)[] Labels =
    [
        (Label(PromptMarkers.Task), LineKind.Task),
        (Label(PromptMarkers.Instruction), LineKind.Task),
        (Label(PromptMarkers.Question), LineKind.Task),
        (Label(PromptMarkers.Details), LineKind.Other),
        (Label(PromptMarkers.Input), LineKind.Input),
        (Label(PromptMarkers.Output), LineKind.Output),
        (Label(PromptMarkers.Answer), LineKind.Output),
        (Label(PromptMarkers.ClassLabel), LineKind.ClassLabel),
        (Label(PromptMarkers.Span), LineKind.Span),
        (Label(PromptMarkers.Source), LineKind.Source),
        ("label", LineKind.ClassLabel),
        ("작업", LineKind.Task), ("지시문", LineKind.Task), ("지시", LineKind.Task), ("질문", LineKind.Task),
        ("입력", LineKind.Input), ("출력", LineKind.Output), ("답변", LineKind.Output),
        ("클래스 레이블", LineKind.ClassLabel), ("레이블", LineKind.ClassLabel), ("분류", LineKind.ClassLabel),
    ];

    private const RegexOptions Cue = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Regex ClassificationCue = new(
        $@"^{Regex.Escape(PromptMarkers.IsClassification)}$", Cue | RegexOptions.IgnoreCase);

    private static readonly Regex LabelledLine = new(
        $@"^(?<label>{string.Join('|', Labels.Select(l => Regex.Escape(l.Label)))})\s*:\s*(?<value>.*)$", Cue | RegexOptions.IgnoreCase);

    private static readonly Regex ItemHeading = new($@"^{Regex.Escape(PromptMarkers.Item)}\s+(?<n>\d{{1,4}})$", Cue);

    private static readonly Regex ReplyFieldsLine = new($@"^{Regex.Escape(PromptMarkers.ReplyFields)}\s*(?<fields>.+)$", Cue);

    /// <summary>A marker without its colon: <c>Task:</c> is the label <c>Task</c>.</summary>
    private static string Label(string marker) => marker.TrimEnd(':');

    private static LineKind KindOf(string label) =>
        Labels.FirstOrDefault(l => l.Label.Equals(label, StringComparison.OrdinalIgnoreCase)) is { Label: not null } found ? found.Kind : LineKind.Other;

    [GeneratedRegex(@"^(?<n>\d{1,4})[.)]\s+(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"^(?<n>\d{1,4})\s*\.$", RegexOptions.CultureInvariant)]
    private static partial Regex BareListNumber();

    [GeneratedRegex(@"\b(in|into|to)\s+Korean\b|한국어로", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KoreanTarget();

    [GeneratedRegex(@"\b(in|into)\s+(natural\s+)?English\b", RegexOptions.CultureInvariant)]
    private static partial Regex EnglishTarget();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>
/// An <c>Item N</c> block of a batch prompt: its number, whether it has an input to carry into the answer, the
/// span an MRC answer must keep, and the output (or answer) and source it shows, which a judge prompt asks about.
/// </summary>
internal sealed record BatchItem(int Number, bool HasInput = false, string? Span = null, string? Output = null, string? Source = null);
