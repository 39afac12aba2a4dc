using System.Text.RegularExpressions;
using ServerlessInstruct.Infra.Tests.Bicep;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>
/// Facts the templates must agree with, read from the Functions app's C# source. The tests do not reference the
/// Functions assembly (building it would pull in the whole app), so they read the few declarations they need; a
/// declaration written in a shape these patterns do not know fails the test with its file named, rather than passing.
/// </summary>
internal static partial class AppSource
{
    public static string FunctionsDirectory => Path.Combine(BicepCli.RepositoryRoot, "src", "ServerlessInstruct.Functions");

    /// <summary>RunOptionsResolver.SupportedLanguages: the languages a run may use.</summary>
    public static IReadOnlyList<string> SupportedLanguages()
    {
        var (path, source) = Read("Runs", "RunOptionsResolver.cs");
        var list = Single(SupportedLanguagesList(), source, path);
        return [.. StringLiteral().Matches(list).Select(m => m.Groups[1].Value)];
    }

    /// <summary>PipelineModes.All: the modes a run may use, resolved from the constants it lists.</summary>
    public static IReadOnlyList<string> PipelineModes()
    {
        var (path, source) = Read("Orchestration", "PipelineModes.cs");
        var constants = StringConstant().Matches(source).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        return [.. Single(AllModesList(), source, path).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => constants.TryGetValue(name, out var mode) ? mode : throw new InvalidOperationException($"{path}: PipelineModes.All lists '{name}', which is no string constant of the class."))];
    }

    static (string Path, string Source) Read(params string[] relative)
    {
        var path = Path.Combine([FunctionsDirectory, .. relative]);
        return (path, File.ReadAllText(path));
    }

    static string Single(Regex pattern, string source, string path) =>
        pattern.Matches(source) switch
        {
            [var one] => one.Groups[1].Value,
            var found => throw new InvalidOperationException($"{path}: expected one match of /{pattern}/, found {found.Count}; update {nameof(AppSource)} to the new shape."),
        };

    [GeneratedRegex(@"SupportedLanguages\s*=\s*\[([^\]]*)\]")]
    private static partial Regex SupportedLanguagesList();

    [GeneratedRegex(@"\bAll\s*=\s*\[([^\]]*)\]")]
    private static partial Regex AllModesList();

    [GeneratedRegex(@"""([^""\\]*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"public\s+const\s+string\s+(\w+)\s*=\s*""([^""\\]*)""\s*;")]
    private static partial Regex StringConstant();
}
