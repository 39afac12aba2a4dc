using System.Text.Json.Nodes;
using ServerlessInstruct.Infra.Tests.Arm;
using ServerlessInstruct.Infra.Tests.Bicep;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>
/// Compiles every Bicep file under infra/ once (a single CLI run) for all the tests in the collection, and
/// opens the ARM templates with the parameter values a typical <c>azd up</c> would pass.
/// </summary>
public sealed class CompiledInfrastructure : IAsyncLifetime
{
    /// <summary>Glob, relative to the repository root, that CI compiles and lints.</summary>
    public const string Pattern = "infra/**/*.bicep";

    public const string EnvironmentName = "ci";

    public const string Location = "swedencentral";

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("serverless-instruct-bicep-");
    private readonly Dictionary<string, JsonObject> _templates = [];

    public string RepositoryRoot { get; } = BicepCli.RepositoryRoot;

    public string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    /// <summary>Paths of the Bicep files, relative to infra/ and without extension (main, app/functions...).</summary>
    public IReadOnlyList<string> BicepFiles { get; private set; } = [];

    public BicepRun Build { get; private set; } = new(-1, "", "");

    public IReadOnlyDictionary<string, JsonObject> Templates => _templates;

    public async Task InitializeAsync()
    {
        BicepFiles = [.. Directory.EnumerateFiles(InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(InfraDirectory, f), null).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Build = await BicepCli.Instance.RunAsync(
            RepositoryRoot,
            ["build", "--pattern", Pattern, "--outdir", _output.FullName, "--diagnostics-format", "sarif"],
            timeout.Token);

        foreach (var file in BicepFiles)
        {
            var compiled = Path.Combine(_output.FullName, file + ".json");
            if (File.Exists(compiled))
            {
                _templates[file] = JsonNode.Parse(await File.ReadAllTextAsync(compiled, timeout.Token))!.AsObject();
            }
        }
    }

    public Task DisposeAsync()
    {
        _output.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>infra/main.bicep as deployed to environment <see cref="EnvironmentName"/>, defaults elsewhere unless overridden.</summary>
    public ArmScope Main(IReadOnlyDictionary<string, JsonNode?>? parameters = null)
    {
        var values = new Dictionary<string, JsonNode?>
        {
            ["environmentName"] = EnvironmentName,
            ["location"] = Location,
        };
        foreach (var (name, value) in parameters ?? new Dictionary<string, JsonNode?>())
        {
            values[name] = value;
        }

        return ArmScope.ForTemplate(Template("main"), values);
    }

    public JsonObject Template(string file) =>
        _templates.TryGetValue(file, out var template) ? template : throw new InvalidOperationException($"infra/{file}.bicep did not compile:\n{Build.StandardError}");
}
