using ServerlessInstruct.Core.Filtering;

namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>
/// Reads the new tasks of an Alpaca task-list reply: JSON (<c>{"tasks": [...]}</c>) or <c>Item N</c> blocks of
/// <c>Instruction:</c>, <c>Input:</c> and <c>Output:</c> lines continuing the prompt's numbering. A cut-off reply loses
/// only its last, damaged task, as Alpaca does. Never throws.
/// </summary>
public static class TaskListParser
{
    /// <param name="firstNumber">The item the prompt left open (<see cref="AlpacaPrompts.FirstNewNumber"/>): blocks numbered below it repeat the examples.</param>
    /// <param name="maxItems">Most tasks taken (the batch asked for).</param>
    public static ParseResult<DraftTask> Parse(string? response, FinishReason finishReason, int firstNumber, int maxItems)
    {
        var problems = new List<ParseProblem>();
        if (string.IsNullOrWhiteSpace(response))
        {
            problems.Add(ParseProblems.NoText(finishReason));
            return new ParseResult<DraftTask>([], problems);
        }

        var cut = ParseProblems.ForCut(finishReason);
        var tasks = ModelJson.TryLocate(response, out var json) && ReadJson(json, problems, cut) is { } fromJson
            ? fromJson
            : ReadText(response, firstNumber, cut, problems);

        if (tasks.Count == 0 && problems.Count == 0)
        {
            problems.Add(new ParseProblem(ParseProblems.Empty, "the response holds no task"));
        }

        if (tasks.Count > maxItems)
        {
            problems.Add(new ParseProblem(ParseProblems.TooMany, $"{tasks.Count} tasks where at most {maxItems} were asked for; the extra ones are dropped"));
            tasks.RemoveRange(maxItems, tasks.Count - maxItems);
        }

        return new ParseResult<DraftTask>(tasks, problems);
    }

    /// <summary>The tasks of a JSON reply, or null when it holds none and should be read as text instead.</summary>
    private static List<DraftTask>? ReadJson(string json, List<ParseProblem> problems, string? cut)
    {
        var incomplete = new List<ParseProblem>();
        var read = ModelJson.ReadArray(json, "tasks", element => FromFields(
            ModelJson.GetText(element, "instruction"), ModelJson.GetText(element, "input"), ModelJson.GetText(element, "output"), incomplete));
        problems.AddRange(incomplete);
        return read.Kept(problems, cut, "task(s)");
    }

    private static List<DraftTask> ReadText(string response, int firstNumber, string? cut, List<ParseProblem> problems)
    {
        var tasks = new List<DraftTask>();
        var echoed = 0;
        foreach (var block in ItemBlockReader.Read(response, firstNumber, cut, problems))
        {
            if (block.Number < firstNumber)
            {
                echoed++;
                continue;
            }

            if (FromFields(block[ItemField.Instruction], block[ItemField.Input], block[ItemField.Output], problems) is { } task)
            {
                tasks.Add(task);
            }
        }

        if (echoed > 0)
        {
            problems.Add(new ParseProblem(ParseProblems.IgnoredText, $"{echoed} item(s) numbered before {firstNumber} repeat the examples"));
        }

        return tasks;
    }

    /// <summary>A task needs an instruction and an output field; an empty output is kept for the instance filter to reject with its own reason.</summary>
    private static DraftTask? FromFields(string? instruction, string? input, string? output, List<ParseProblem> problems)
    {
        var text = InstructionText.CollapseWhitespace(instruction ?? string.Empty);
        if (text.Length == 0)
        {
            problems.Add(new ParseProblem(ParseProblems.EmptyItem, "a task has no instruction"));
            return null;
        }

        if (output is null)
        {
            problems.Add(new ParseProblem(ParseProblems.MissingOutput, $"the task \"{ParseProblems.Shorten(text)}\" has no output"));
            return null;
        }

        return new DraftTask(text, NoInput.Clean(input), output.Trim());
    }
}
