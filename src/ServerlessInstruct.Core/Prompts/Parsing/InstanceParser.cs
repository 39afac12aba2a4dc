using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>
/// Reads generated instances from JSON (<c>{"instances": [...]}</c>) or from <c>Example N</c> blocks with
/// <c>Input:</c>/<c>Output:</c> (input-first) or <c>Class label:</c>/<c>Input:</c> (output-first) fields. Values may span
/// lines. For output-first responses the class label becomes the instance's output. Never throws.
/// </summary>
public static partial class InstanceParser
{
    public static ParseResult<SeedInstance> Parse(string? response, InstanceOrder order, FinishReason finishReason)
    {
        var problems = new List<ParseProblem>();
        if (string.IsNullOrWhiteSpace(response))
        {
            problems.Add(ParseProblems.NoText(finishReason));
            return new ParseResult<SeedInstance>([], problems);
        }

        var cut = ParseProblems.ForCut(finishReason);

        List<SeedInstance> instances;
        if (ModelJson.TryLocate(response, out var json) && ReadJson(json, order, problems, cut) is { } fromJson)
        {
            instances = fromJson;
        }
        else
        {
            instances = ReadText(response, order, problems);
            if (cut is not null && instances.Count > 0)
            {
                instances.RemoveAt(instances.Count - 1);
                problems.Add(new ParseProblem(cut, "the response was cut off, so its last example is dropped"));
            }
        }

        if (instances.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ParseProblem(ParseProblems.Empty, "the response holds no example"));
        }

        return new ParseResult<SeedInstance>(instances, problems);
    }

    /// <summary>The instances of a JSON reply, or null when it holds none and should be read as text instead.</summary>
    private static List<SeedInstance>? ReadJson(string json, InstanceOrder order, List<ParseProblem> problems, string? cut)
    {
        var missing = new List<ParseProblem>();
        var read = ModelJson.ReadArray(json, "instances", element => FromJson(element, order, missing));
        problems.AddRange(missing);
        return read.Kept(problems, cut, "example(s)");
    }

    private static SeedInstance? FromJson(JsonElement element, InstanceOrder order, List<ParseProblem> problems)
    {
        var input = ModelJson.GetText(element, "input");
        if (order == InstanceOrder.OutputFirst)
        {
            var label = ModelJson.GetText(element, "class_label", "label", "output");
            return Complete(input, label, order, problems);
        }

        return Complete(input, ModelJson.GetText(element, "output"), order, problems);
    }

    private static List<SeedInstance> ReadText(string response, InstanceOrder order, List<ParseProblem> problems)
    {
        var examples = new List<Dictionary<Field, StringBuilder>>();
        Dictionary<Field, StringBuilder>? current = null;
        StringBuilder? value = null;
        var ignored = 0;
        foreach (var rawLine in response.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var bare = Markdown.Bare(line);
            if (bare.StartsWith(PromptMarkers.Task, StringComparison.OrdinalIgnoreCase))
            {
                // An echo of the task before any example is harmless; after one, the model has moved on to a task of its own.
                if (examples.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (ExampleHeading().IsMatch(bare))
            {
                current = new Dictionary<Field, StringBuilder>();
                examples.Add(current);
                value = null;
                continue;
            }

            if (Markdown.SplitLabel(line) is { } split && FieldLabel().IsMatch(split.Label))
            {
                var field = ToField(split.Label);
                if (current is null || current.ContainsKey(field))
                {
                    // Examples written without headings: a repeated field starts the next one.
                    current = new Dictionary<Field, StringBuilder>();
                    examples.Add(current);
                }

                value = new StringBuilder(split.Value);
                current[field] = value;
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
            problems.Add(new ParseProblem(ParseProblems.IgnoredText, $"{ignored} line(s) belong to no Input, Output or Class label field"));
        }

        var instances = new List<SeedInstance>(examples.Count);
        foreach (var example in examples.Where(example => example.Count > 0))
        {
            var input = example.GetValueOrDefault(Field.Input)?.ToString();
            var output = example.GetValueOrDefault(order == InstanceOrder.OutputFirst ? Field.ClassLabel : Field.Output)?.ToString();
            if (Complete(input, output, order, problems) is { } instance)
            {
                instances.Add(instance);
            }
        }

        return instances;
    }

    /// <summary>Checks the fields of one example and trims them; records why an incomplete one is left out.</summary>
    private static SeedInstance? Complete(string? input, string? output, InstanceOrder order, List<ParseProblem> problems)
    {
        var cleanInput = input?.Trim() ?? string.Empty;
        if (NoInput.Matches(cleanInput))
        {
            cleanInput = string.Empty;
        }

        var cleanOutput = output?.Trim() ?? string.Empty;
        if (order == InstanceOrder.OutputFirst)
        {
            if (cleanOutput.Length == 0)
            {
                problems.Add(new ParseProblem(ParseProblems.MissingLabel, "an example has no class label"));
                return null;
            }

            if (cleanInput.Length == 0)
            {
                problems.Add(new ParseProblem(ParseProblems.MissingInput, $"the example labelled \"{cleanOutput}\" has no input"));
                return null;
            }
        }
        else if (output is null)
        {
            problems.Add(new ParseProblem(ParseProblems.MissingOutput, "an example has no output"));
            return null;
        }

        // An empty output is kept here: the instance filter rejects it with its own reason.
        return new SeedInstance(cleanInput, cleanOutput);
    }

    private static Field ToField(string label) => label.ToLowerInvariant() switch
    {
        "input" or "입력" => Field.Input,
        "output" or "출력" => Field.Output,
        _ => Field.ClassLabel,
    };

    private enum Field
    {
        Input,
        Output,
        ClassLabel,
    }

    [GeneratedRegex(@"^(?:example|예시)\s*\d+\s*[:.)]?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExampleHeading();

    /// <summary>The labels of a field, matched against the bare label of <see cref="Markdown.SplitLabel"/>.</summary>
    [GeneratedRegex(@"^(?:input|output|class\s+label|label|입력|출력|클래스\s*레이블|레이블|라벨)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FieldLabel();
}
