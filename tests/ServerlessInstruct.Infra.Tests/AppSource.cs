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

    public static string CoreDirectory => Path.Combine(BicepCli.RepositoryRoot, "src", "ServerlessInstruct.Core");

    /// <summary>The codes of the Language enum: the languages a run may use.</summary>
    public static IReadOnlyList<string> SupportedLanguages() =>
        KebabCaseEnumNames(Path.Combine(CoreDirectory, "Languages", "Language.cs"), "Language");

    /// <summary>The names of the PipelineMode enum: the modes a run may use.</summary>
    public static IReadOnlyList<string> PipelineModes() =>
        KebabCaseEnumNames(Path.Combine(FunctionsDirectory, "Orchestration", "PipelineModes.cs"), "PipelineMode");

    /// <summary>The values of JudgeModes.All, in order: the judging modes a run may use.</summary>
    public static IReadOnlyList<string> JudgeModes()
    {
        var file = Path.Combine(CoreDirectory, "Judging", "JudgeModes.cs");
        var (path, body) = ClassBody(new Dictionary<string, string> { [file] = File.ReadAllText(file) }, "JudgeModes");
        var constants = StringConstant().Matches(body).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
        var all = Single(StringListProperty("All"), body, path);
        return [.. all.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(name => constants.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"{path}: JudgeModes.All lists '{name}', which is no string constant of the class; update {nameof(AppSource)} to the new shape."))];
    }

    /// <summary>
    /// The name, from its <c>[Function(...)]</c> attribute, of the one function in Triggers/ whose blob trigger takes
    /// its events from Event Grid: the function the seeds/ subscription's webhook must name.
    /// </summary>
    public static string EventGridBlobTriggerFunction() =>
        EventGridBlobTriggerFunction(Directory.EnumerateFiles(Path.Combine(FunctionsDirectory, "Triggers"), "*.cs").Select(p => (p, File.ReadAllText(p))));

    /// <summary>The same search over given files (path, text).</summary>
    public static string EventGridBlobTriggerFunction(IEnumerable<(string Path, string Source)> files)
    {
        var found = new List<string>();
        foreach (var (path, source) in files)
        {
            var attributes = FunctionAttribute().Matches(source);
            for (var i = 0; i < attributes.Count; i++)
            {
                // A function's parameters lie between its attribute and the next function's.
                var end = i + 1 < attributes.Count ? attributes[i + 1].Index : source.Length;
                if (!source.AsSpan(attributes[i].Index, end - attributes[i].Index).Contains("BlobTriggerSource.EventGrid", StringComparison.Ordinal))
                {
                    continue;
                }

                var name = FunctionName().Match(attributes[i].Groups[1].Value);
                found.Add(name.Success
                    ? name.Groups["nameof"].Success ? name.Groups["nameof"].Value.Split('.')[^1] : name.Groups["literal"].Value
                    : throw new InvalidOperationException($"{path}: [Function({attributes[i].Groups[1].Value})] names the function neither with nameof(...) nor a string literal."));
            }
        }

        return found switch
        {
            [var one] => one,
            _ => throw new InvalidOperationException($"Expected one Event Grid blob-triggered function under Triggers/, found {found.Count}: {string.Join(", ", found)}."),
        };
    }

    /// <summary>
    /// Every configuration section the app binds to an options class (<c>AddOptions&lt;T&gt;().Bind(configuration.GetSection(...))</c>),
    /// with the public properties of that class: the names a <c>Section__Property</c> setting can set.
    /// </summary>
    public static IReadOnlyDictionary<string, BoundOptions> BoundOptionsBySection()
    {
        var sources = Directory.EnumerateFiles(FunctionsDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(segment => segment is "bin" or "obj"))
            .ToDictionary(p => p, File.ReadAllText);
        var bound = new Dictionary<string, BoundOptions>(StringComparer.Ordinal);
        foreach (var (path, source) in sources)
        {
            foreach (Match binding in OptionsBinding().Matches(source))
            {
                var className = binding.Groups["class"].Value;
                var (classPath, body) = ClassBody(sources, className);
                var section = binding.Groups["literal"].Success
                    ? binding.Groups["literal"].Value
                    : Single(SectionNameConstant(), body, classPath);
                bound.Add(section, new BoundOptions(className, classPath, [.. Property().Matches(body).Select(m => m.Groups[1].Value)]));
            }
        }

        return bound.Count > 0 ? bound : throw new InvalidOperationException($"No AddOptions<T>().Bind(...GetSection(...)) under {FunctionsDirectory}; update {nameof(AppSource)} to the new shape.");
    }

    /// <summary>The keys of the AzureWebJobsStorage section StorageClients reads for its own blob and table clients.</summary>
    public static IReadOnlyList<string> StorageClientsConnectionKeys()
    {
        var (path, source) = Read("Storage", "StorageClients.cs");
        var connection = Single(ConnectionNameConstant(), source, path);
        return connection == "AzureWebJobsStorage"
            ? [.. SectionIndexer().Matches(source).Select(m => m.Groups[1].Value).Distinct()]
            : throw new InvalidOperationException($"{path}: StorageClients now reads the '{connection}' connection, not AzureWebJobsStorage.");
    }

    private static (string Path, string Body) ClassBody(IReadOnlyDictionary<string, string> sources, string className)
    {
        foreach (var (path, source) in sources)
        {
            var declaration = Regex.Match(source, $@"\bclass\s+{Regex.Escape(className)}\b");
            if (declaration.Success)
            {
                // Up to the next class declared in the file, which is as far as this class's own members go here.
                var next = ClassDeclaration().Match(source, declaration.Index + declaration.Length);
                return (path, source[declaration.Index..(next.Success ? next.Index : source.Length)]);
            }
        }

        throw new InvalidOperationException($"The app binds options class {className}, which no file under {FunctionsDirectory} declares.");
    }

    /// <summary>
    /// The members of an enum the app writes with KebabCaseEnumConverter, as it writes them: settings, blob metadata and
    /// the Bicep parameters spell them the same way.
    /// </summary>
    private static IReadOnlyList<string> KebabCaseEnumNames(string path, string enumName)
    {
        var source = File.ReadAllText(path);
        var declaration = Regex.Match(
            source, $@"\[JsonConverter\(typeof\(KebabCaseEnumConverter<{enumName}>\)\)\]\s*public\s+enum\s+{enumName}\s*\{{(?<body>[^}}]*)\}}");
        if (!declaration.Success)
        {
            throw new InvalidOperationException($"{path}: no enum {enumName} written with KebabCaseEnumConverter<{enumName}>; update {nameof(AppSource)} to the new shape.");
        }

        var members = LineComment().Replace(declaration.Groups["body"].Value, string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return [.. members.Select(m => EnumMember().IsMatch(m)
            ? System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(m)
            : throw new InvalidOperationException($"{path}: enum {enumName} has a member written as '{m}'; update {nameof(AppSource)} to the new shape."))];
    }

    private static (string Path, string Source) Read(params string[] relative)
    {
        var path = Path.Combine([FunctionsDirectory, .. relative]);
        return (path, File.ReadAllText(path));
    }

    private static string Single(Regex pattern, string source, string path) =>
        pattern.Matches(source) switch
        {
            [var one] => one.Groups[1].Value,
            var found => throw new InvalidOperationException($"{path}: expected one match of /{pattern}/, found {found.Count}; update {nameof(AppSource)} to the new shape."),
        };

    [GeneratedRegex(@"\[Function\(([^\]]*)\)\]")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex(@"^\s*(?:nameof\(\s*(?<nameof>[\w.]+)\s*\)|""(?<literal>[^""\\]+)"")\s*$")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"AddOptions<(?<class>\w+)>\(\)\s*\.Bind\(\s*\w+\.GetSection\(\s*(?:\w+\.SectionName|""(?<literal>[^""]+)"")\s*\)\s*\)")]
    private static partial Regex OptionsBinding();

    [GeneratedRegex(@"\bconst\s+string\s+SectionName\s*=\s*""([^""]+)""\s*;")]
    private static partial Regex SectionNameConstant();

    [GeneratedRegex(@"\bconst\s+string\s+ConnectionName\s*=\s*""([^""]+)""\s*;")]
    private static partial Regex ConnectionNameConstant();

    [GeneratedRegex(@"\bsection\[\s*""(\w+)""\s*\]")]
    private static partial Regex SectionIndexer();

    [GeneratedRegex(@"\bclass\s+\w+")]
    private static partial Regex ClassDeclaration();

    // public int? TokensPerMinute { get; set; }, public Dictionary<string, ModelPrice> Models { get; } = ...
    [GeneratedRegex(@"\bpublic\s+(?:required\s+)?[\w.<>\[\],?\s]+?\s+(\w+)\s*\{\s*get\s*;")]
    private static partial Regex Property();

    // public const string None = "none";
    [GeneratedRegex(@"\bconst\s+string\s+(?<name>\w+)\s*=\s*""(?<value>[^""]*)""\s*;")]
    private static partial Regex StringConstant();

    // public static IReadOnlyList<string> All { get; } = [None, Quality];
    private static Regex StringListProperty(string name) =>
        new($@"\bIReadOnlyList<string>\s+{Regex.Escape(name)}\s*\{{\s*get\s*;\s*\}}\s*=\s*\[([^\]]*)\]\s*;");

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"^[A-Z]\w*$")]
    private static partial Regex EnumMember();
}

/// <summary>An options class bound to a configuration section, and the properties a setting can name.</summary>
internal sealed record BoundOptions(string ClassName, string Path, IReadOnlyList<string> Properties);
