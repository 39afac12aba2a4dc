using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServerlessInstruct.LlmSimulator.Protocol;

namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// The answer a model would give to a request, before stop sequences and token limits apply: JSON valid against
/// the requested schema, or plain text shaped by the prompt's cues (continue a numbered list, continue a list of
/// complete tasks, answer every item of a batch, answer Yes/No, write instance examples), or else a few plausible
/// sentences.
/// </summary>
internal static partial class ContentGenerator
{
    /// <summary>Share of generated tasks with an input; Alpaca's 52K records have one about 40% of the time.</summary>
    internal const double TaskInputShare = 0.4;

    /// <summary>Share of input-first instance answers whose task needs no input, so every example has an output only.</summary>
    internal const double OutputOnlyTaskShare = 0.25;

    /// <summary>Share of batch items a reply leaves out.</summary>
    internal const double SkippedItemShare = 0.02;

    /// <summary>Share of MRC sentence answers that drift from the passage and lose the span, for the faithfulness check to catch.</summary>
    internal const double UnfaithfulAnswerShare = 0.15;

    internal const string NoInput = "<noinput>";

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Generate(ChatRequest request, SimulatorOptions options, DeterministicRandom random)
    {
        PromptAnalysis prompt = PromptAnalysis.Of(request.Messages);
        var writer = new SentenceWriter(prompt.Language, prompt.Examples, random);
        var shares = ItemShares.From(options);

        if (prompt.AsksJudgement)
        {
            return random.Chance(options.JudgeRefusal)
                ? SimulatedJudge.Refusal(prompt.Language)
                : SimulatedJudge.Reply(prompt, json: request.Format.Kind != ResponseFormatKind.Text, options.Seed);
        }

        return request.Format.Kind switch
        {
            ResponseFormatKind.JsonSchema => JsonSchemaFiller.Fill(request.Format.Schema!.Value, writer, prompt, shares, options.MaxListItems),
            ResponseFormatKind.JsonObject => JsonObject(writer),
            _ when prompt.AsksBatch => BatchReply(writer, prompt, shares),
            _ when prompt.ContinueItemsAt is int first => TaskList(writer, shares, first, RequestedItems(request, first, options.MaxListItems)),
            _ when prompt.AsksClassification => writer.LooksLikeClassification(prompt.Task) ? "Yes" : "No",
            _ when prompt.ContinueListAt is int next => NumberedList(writer, shares, next, options.MaxListItems),
            _ when prompt.AsksInstances => InstanceExamples(writer, prompt, shares),
            _ => writer.Statements(3),
        };
    }

    /// <summary>
    /// Continues a numbered list from <paramref name="next"/>. It runs a few items past what a stop rule such as
    /// "item 16" allows and sometimes adds a closing remark after a blank line, so the request's stop sequences
    /// matter as they do with the real service.
    /// </summary>
    private static string NumberedList(SentenceWriter writer, ItemShares shares, int next, int maxItems)
    {
        int count = writer.Random.Between(Math.Max(1, maxItems - 2), maxItems + 2);
        var text = new StringBuilder();
        for (int n = next; n < next + count; n++)
        {
            if (n > next)
            {
                text.Append('\n');
            }

            text.Append(n.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(writer.Instruction(shares));
        }

        if (writer.Random.Chance(0.3))
        {
            text.Append("\n\n").Append(writer.Closing());
        }

        return text.ToString();
    }

    /// <summary>
    /// One to five "Example N" blocks in the prompt's own labels: output-first (class label, then input) when the
    /// prompt shows class labels, input-first otherwise; some input-first tasks get an output only.
    /// </summary>
    private static string InstanceExamples(SentenceWriter writer, PromptAnalysis prompt, ItemShares shares)
    {
        int count = writer.Random.Between(1, 5);
        bool outputFirst = prompt.ClassLabelLabel is not null;
        bool withInput = outputFirst || !writer.Random.Chance(OutputOnlyTaskShare);
        (string first, string second) = writer.Labels(prompt.Task);
        string inputLabel = prompt.InputLabel ?? "Input";
        string outputLabel = prompt.OutputLabel ?? "Output";

        var text = new StringBuilder();
        for (int n = 1; n <= count; n++)
        {
            if (n > 1)
            {
                text.Append("\n\n");
            }

            text.Append("Example ").Append(n.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (outputFirst)
            {
                text.Append(prompt.ClassLabelLabel).Append(": ").Append(writer.Random.Chance(0.5) ? first : second).Append('\n')
                    .Append(inputLabel).Append(": ").Append(writer.Statements(2));
                continue;
            }

            if (withInput)
            {
                text.Append(inputLabel).Append(": ").Append(writer.Statements(2)).Append('\n');
            }

            text.Append(outputLabel).Append(": ").Append(shares.Output(writer.Statements(3), prompt.Language));
        }

        return text.ToString();
    }

    /// <summary>
    /// Continues a list of complete tasks from the open item <paramref name="first"/>: Instruction, Input (a
    /// <c>&lt;noinput&gt;</c> for most, as in Alpaca's data) and Output lines, headed <c>Item N</c> from the second on.
    /// Like <see cref="NumberedList"/> it may run past the requested count, for the stop sequence to cut.
    /// </summary>
    private static string TaskList(SentenceWriter writer, ItemShares shares, int first, int requested)
    {
        int count = writer.Random.Between(Math.Max(1, requested - 2), requested + 1);
        var text = new StringBuilder();
        for (int n = first; n < first + count; n++)
        {
            text.Append(n == first ? "\n" : "\n\nItem " + n.ToString(CultureInfo.InvariantCulture) + "\n");
            text.Append("Instruction: ").Append(writer.Instruction(shares)).Append('\n')
                .Append("Input: ").Append(writer.Random.Chance(TaskInputShare) ? writer.Statements(2) : NoInput).Append('\n')
                .Append("Output: ").Append(shares.Output(writer.Statements(3), writer.Language));
        }

        return text.ToString();
    }

    /// <summary>
    /// Answers every item of a batch prompt with the fields its <c>Reply fields:</c> line names, under the items'
    /// own numbers. Now and then it leaves an item out, as models do with long batches.
    /// </summary>
    private static string BatchReply(SentenceWriter writer, PromptAnalysis prompt, ItemShares shares)
    {
        var text = new StringBuilder();
        foreach (BatchItem item in prompt.BatchItems)
        {
            if (writer.Random.Chance(SkippedItemShare))
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            text.Append("Item ").Append(item.Number.ToString(CultureInfo.InvariantCulture));
            foreach (string field in prompt.ReplyFields)
            {
                text.Append('\n').Append(field).Append(": ").Append(field.ToLowerInvariant() switch
                {
                    "instruction" => writer.Instruction(shares),
                    "input" => item.HasInput ? writer.Statements(2) : NoInput,
                    _ when item.Span is { } span => writer.SpanAnswer(span, UnfaithfulAnswerShare),
                    "output" => shares.Output(writer.Statements(3), prompt.Language),
                    _ => writer.Statements(3),
                });
            }
        }

        return text.ToString();
    }

    /// <summary>How many tasks a task-list prompt wants: up to the item its stop sequence names, else the usual list length.</summary>
    private static int RequestedItems(ChatRequest request, int first, int fallback)
    {
        foreach (string stop in request.Stop)
        {
            Match match = ItemStop().Match(stop);
            if (match.Success && int.Parse(match.Groups["n"].ValueSpan, CultureInfo.InvariantCulture) is int stopNumber && stopNumber > first)
            {
                return stopNumber - first;
            }
        }

        return fallback;
    }

    private static string JsonObject(SentenceWriter writer) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["answer"] = writer.Statements(3) }, RelaxedJson);

    [GeneratedRegex(@"^\s*Item\s+(?<n>\d{1,4})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemStop();
}
