using System.CommandLine;
using CliProgram = ServerlessInstruct.Cli.Program;

namespace ServerlessInstruct.Cli.Tests;

/// <summary>
/// Every option of every command, given a value it cannot take, is a usage error: exit 2, a message naming the
/// option, and no stack trace. The options are read from the command tree, so a new option is covered (or has to be
/// declared free text here) the day it is added.
/// </summary>
public sealed class CommandLineUsageTests : IDisposable
{
    /// <summary>Options that take any text (names, paths to write), so no value of theirs is a usage error.</summary>
    private static readonly HashSet<string> FreeText = ["--deployment", "--dedup-scope", "--option", "--out", "--write-corpus", "--decisions"];

    private readonly string _seedFile = Path.Combine(Directory.CreateTempSubdirectory("serverless-instruct-usage-").FullName, "seeds.txt");

    public CommandLineUsageTests() => File.WriteAllText(_seedFile, "Name three rivers in Europe.\n");

    public static TheoryData<string, string> Options()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, command) in Commands(CliProgram.BuildRootCommand(), []))
        {
            foreach (var option in command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not "--help" and not "--version"))
            {
                data.Add(string.Join(' ', path), option.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task A_bad_value_is_a_usage_error_naming_the_option(string commandPath, string optionName)
    {
        var command = Find(commandPath);
        var option = command.Options.Single(o => o.Name == optionName);
        var badValue = BadValueFor(option);
        if (badValue is null)
        {
            Assert.Contains(optionName, FreeText);
            Assert.NotEqual(typeof(int), Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType);
            return;
        }

        List<string> args = [.. commandPath.Split(' ')];
        foreach (var required in command.Options.Where(o => o.Required && o != option))
        {
            args.AddRange([required.Name, _seedFile]);
        }

        args.AddRange([optionName, badValue]);
        var (code, stdout, stderr) = await RunAsync([.. args]);

        // A flag takes no value, so a value after it is a stray argument, and the message names that instead.
        var isFlag = (Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType) == typeof(bool);
        Assert.Equal(2, code);
        Assert.Contains(isFlag ? badValue : optionName, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_option_is_covered()
    {
        // Every typed option has a bad value above; any other option must be declared free text, on purpose.
        var uncovered = Options()
            .Select(row => ((string)row[0], (string)row[1]))
            .Where(row => BadValueFor(Find(row.Item1).Options.Single(o => o.Name == row.Item2)) is null && !FreeText.Contains(row.Item2))
            .ToList();
        Assert.Empty(uncovered);
        Assert.Contains(Options(), row => (string)row[1] == "--llm");
        Assert.Contains(Options(), row => (string)row[1] == "--answer-style");
        Assert.Contains(Options(), row => (string)row[1] == "--unanswerable");
        Assert.Contains(Options(), row => (string)row[0] == "run" && (string)row[1] == "--judge");
        Assert.Contains(Options(), row => (string)row[0] == "run" && (string)row[1] == "--min-score");
    }

    [Theory]
    [InlineData("span,summary")]
    [InlineData(",")]
    public async Task An_answer_style_list_with_a_word_that_is_no_style_is_a_usage_error(string styles)
    {
        var (code, _, stderr) = await RunAsync("run", "--seeds", _seedFile, "--mode", "mrc", "--answer-style", styles);

        Assert.Equal(2, code);
        Assert.Contains("--answer-style", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--min-score", "0")]
    [InlineData("--min-score", "6")]
    [InlineData("--judge", "safety")]
    public async Task A_judge_option_outside_its_range_is_a_usage_error(string option, string value)
    {
        var (code, stdout, stderr) = await RunAsync("run", "--seeds", _seedFile, option, value);

        Assert.Equal(2, code);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
    }

    /// <summary>A value the option cannot take, or null for free text.</summary>
    private static string? BadValueFor(Option option)
    {
        if (FreeText.Contains(option.Name))
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type == typeof(int) || type == typeof(double))
        {
            return "not-a-number";
        }

        if (type == typeof(bool))
        {
            return "maybe";
        }

        if (type == typeof(Uri))
        {
            return "not a url";
        }

        // Every file read as input must exist; files written are free text above.
        if (type == typeof(FileInfo))
        {
            return Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.jsonl");
        }

        // Options with a closed set of values name them in their help: rouge|unicode, simulator|azure|openai.
        return option.HelpName?.Contains('|', StringComparison.Ordinal) == true ? "no-such-choice" : null;
    }

    private static Command Find(string path) =>
        path.Split(' ').Aggregate((Command)CliProgram.BuildRootCommand(), (command, name) => command.Subcommands.Single(c => c.Name == name));

    private static IEnumerable<(List<string> Path, Command Command)> Commands(Command parent, List<string> path)
    {
        foreach (var command in parent.Subcommands)
        {
            List<string> here = [.. path, command.Name];
            if (command.Subcommands.Count == 0)
            {
                yield return (here, command);
            }

            foreach (var nested in Commands(command, here))
            {
                yield return nested;
            }
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliProgram.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_seedFile)!, recursive: true);
}
