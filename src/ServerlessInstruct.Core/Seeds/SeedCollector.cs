using System.Globalization;
using ServerlessInstruct.Core.Filtering;

namespace ServerlessInstruct.Core.Seeds;

/// <summary>
/// Gathers accepted tasks and issues while a file is read: fixes the file's format from its first valid record,
/// assigns missing ids, and applies the duplicate, id and count rules.
/// </summary>
internal sealed class SeedCollector(SeedLimits limits, DuplicateTasks duplicates)
{
    private readonly List<SeedTask> _tasks = [];
    private readonly List<SeedIssue> _issues = [];
    private readonly Dictionary<string, int> _idLines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _taskLines = new(StringComparer.Ordinal);
    private int _unlistedIssues;
    private int _ordinal;
    private SeedFormat? _format;

    public void AddIssue(int line, string reason)
    {
        if (_issues.Count < limits.MaxIssues)
        {
            _issues.Add(new SeedIssue(line, reason));
        }
        else
        {
            _unlistedIssues++;
        }
    }

    /// <summary>A record position that produced no task (unreadable, too long): it still takes an ordinal so later ids do not shift when it is fixed.</summary>
    public void Skip(int line, string reason)
    {
        _ordinal++;
        AddIssue(line, reason);
    }

    public void AddRecord(SeedRecord record, int line)
    {
        var ordinal = _ordinal++;
        if (_format is { } format && !IsCompatible(format, record.Shape))
        {
            AddIssue(line, $"expected {Describe(format)} like the file's first valid record, found {Describe(record.Shape)}");
            return;
        }

        var key = record.Shape == SeedFormat.SelfInstruct
            ? InstructionText.Normalize(record.Instruction)
            : InstructionText.Normalize(record.Instruction) + "\n" + InstructionText.Normalize(record.Instances[0].Input);
        var id = record.Id ?? AssignedId(_format ?? record.Shape, ordinal);
        if (Accept(key, id, line))
        {
            _format ??= record.Shape;
            _tasks.Add(new SeedTask(id, record.Instruction, record.Instances, record.IsClassification, record.Name, record.Url));
        }
    }

    public void AddText(string instruction, int line)
    {
        var ordinal = _ordinal++;
        var id = AssignedId(SeedFormat.PlainText, ordinal);
        if (Accept(InstructionText.Normalize(instruction), id, line))
        {
            _format ??= SeedFormat.PlainText;
            _tasks.Add(new SeedTask(id, instruction, [], IsClassification: false));
        }
    }

    public SeedReadResult Finish(SeedFormat detected)
    {
        if (_tasks.Count == 0)
        {
            var first = _issues.Count > 0 ? $" The first problem, at line {_issues[0].Line}: {_issues[0].Reason}." : string.Empty;
            throw new SeedFileException(SeedFileErrors.NoValidTasks,
                $"The seed file has no usable task ({_issues.Count + _unlistedIssues} problem(s) found).{first}", _issues);
        }

        return new SeedReadResult(_format ?? detected, _tasks, _issues, _unlistedIssues);
    }

    private bool Accept(string key, string id, int line)
    {
        if (duplicates == DuplicateTasks.Skip && _taskLines.TryGetValue(key, out var firstTaskLine))
        {
            AddIssue(line, $"duplicate task: same instruction as line {firstTaskLine}");
            return false;
        }

        if (_idLines.TryGetValue(id, out var firstIdLine))
        {
            AddIssue(line, $"duplicate id '{id}' (first used at line {firstIdLine})");
            return false;
        }

        if (_tasks.Count == limits.MaxTasks)
        {
            throw new SeedFileException(SeedFileErrors.TooManyTasks,
                $"The seed file has more than {limits.MaxTasks:N0} tasks (the limit was reached at line {line}). Split it or raise the limit.", _issues);
        }

        _taskLines.TryAdd(key, line);
        _idLines.Add(id, line);
        return true;
    }

    private static bool IsCompatible(SeedFormat format, SeedFormat shape) =>
        format == shape || (format != SeedFormat.SelfInstruct && shape != SeedFormat.SelfInstruct);

    private static string AssignedId(SeedFormat format, int ordinal)
    {
        var prefix = format switch
        {
            SeedFormat.SelfInstruct => "seed_task",
            SeedFormat.Alpaca => "alpaca",
            SeedFormat.QuestionAnswer => "qa",
            _ => "text",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}_{ordinal}");
    }

    private static string Describe(SeedFormat format) => format switch
    {
        SeedFormat.SelfInstruct => "a Self-Instruct seed task",
        SeedFormat.Alpaca => "an Alpaca record",
        SeedFormat.QuestionAnswer => "a question/answer record",
        _ => "a line of text",
    };
}
