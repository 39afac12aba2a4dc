using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>azure.yaml, the parameters file and the post-deploy hook agree with the templates.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class AzdWiringTests(CompiledInfrastructure infrastructure)
{
    private static readonly string[] HookVariables = ["AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"];

    private string ShellHook => Path.Combine(infrastructure.InfraDirectory, "scripts", "subscribe-seed-events.sh");

    private string PowerShellHook => Path.Combine(infrastructure.InfraDirectory, "scripts", "subscribe-seed-events.ps1");

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_to_a_function_app()
    {
        var yaml = File.ReadAllText(Path.Combine(infrastructure.RepositoryRoot, "azure.yaml"));
        var service = ServiceBlock().Match(yaml);

        Assert.True(service.Success, "azure.yaml has no 'functions' service");
        Assert.Contains("language: dotnet", service.Value, StringComparison.Ordinal);
        Assert.Contains("host: function", service.Value, StringComparison.Ordinal);
        var project = Path.Combine(infrastructure.RepositoryRoot, ProjectPath().Match(service.Value).Groups[1].Value);
        Assert.NotEmpty(Directory.EnumerateFiles(project, "*.csproj"));
    }

    [Fact]
    public void Post_deploy_hooks_run_scripts_that_exist()
    {
        var yaml = File.ReadAllText(Path.Combine(infrastructure.RepositoryRoot, "azure.yaml"));
        var scripts = RunLine().Matches(yaml).Select(m => Path.GetFullPath(Path.Combine(infrastructure.RepositoryRoot, m.Groups[1].Value))).ToList();

        Assert.Contains("postdeploy:", yaml, StringComparison.Ordinal);
        Assert.Equal([ShellHook, PowerShellHook], scripts);
        Assert.True((File.GetUnixFileMode(ShellHook) & UnixFileMode.UserExecute) != 0, "the shell hook must be executable");
    }

    [Fact]
    public void Hooks_read_only_outputs_the_main_template_writes()
    {
        var outputs = infrastructure.Template("main")["outputs"]!.AsObject().Select(o => o.Key).ToHashSet();

        foreach (var script in new[] { ShellHook, PowerShellHook })
        {
            var used = AzureVariable().Matches(File.ReadAllText(script)).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(HookVariables.Order(StringComparer.Ordinal), used);
        }

        Assert.Subset(outputs, HookVariables.ToHashSet());
    }

    [Fact]
    public void Parameters_file_maps_every_template_parameter_and_nothing_else()
    {
        // A parameter left out could only be changed by editing the template, never with `azd env set`.
        var declared = infrastructure.Template("main")["parameters"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        var set = ParametersFile().Select(p => p.Key).Order(StringComparer.Ordinal);

        Assert.Equal(declared, set);
    }

    [Fact]
    public void Deploy_guide_lists_every_azd_variable_the_parameters_file_reads()
    {
        // azd itself fills these in; the rest are the user's to set and must be in the guide's table.
        string[] setByAzd = ["AZURE_ENV_NAME", "AZURE_LOCATION", "AZURE_PRINCIPAL_ID"];
        var guide = File.ReadAllText(Path.Combine(infrastructure.RepositoryRoot, "docs", "deploy.md"));
        var variables = ParametersFile()
            .Select(p => AzdVariable().Match(p.Value!["value"].Text()!))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .Except(setByAzd)
            .ToList();

        Assert.Contains("AZURE_OPENAI_MODEL", variables);
        Assert.All(variables, v => Assert.Contains($"`{v}`", guide, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shell_hook_retries_until_the_host_has_its_key()
    {
        using var az = new FakeAz(failuresBeforeSuccess: 2);

        var result = await RunShellHookAsync(az, HookVariables.ToDictionary(v => v, v => v.ToLowerInvariant()));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, az.Calls.Length);
        Assert.All(az.Calls, call => Assert.Equal(
            $"deployment group create --name seed-events --resource-group azure_resource_group --template-file {Path.Combine(infrastructure.InfraDirectory, "eventgrid.bicep")} " +
            "--parameters functionAppName=azure_function_app_name systemTopicName=azure_eventgrid_system_topic_name --output none",
            call));
    }

    [Fact]
    public async Task Shell_hook_gives_up_after_its_attempts_with_a_non_zero_exit()
    {
        using var az = new FakeAz(failuresBeforeSuccess: int.MaxValue);
        var environment = HookVariables.ToDictionary(v => v, v => "x");
        environment["SEED_EVENTS_ATTEMPTS"] = "2";

        var result = await RunShellHookAsync(az, environment);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(2, az.Calls.Length);
        Assert.Contains("Could not create the seeds/ event subscription", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shell_hook_names_a_missing_variable_before_calling_azure()
    {
        using var az = new FakeAz(failuresBeforeSuccess: 0);

        var result = await RunShellHookAsync(az, new Dictionary<string, string> { ["AZURE_RESOURCE_GROUP"] = "rg" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("AZURE_FUNCTION_APP_NAME is not set", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(az.Calls);
    }

    private JsonObject ParametersFile() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(infrastructure.InfraDirectory, "main.parameters.json")))!["parameters"]!.AsObject();

    private async Task<(int ExitCode, string StandardError)> RunShellHookAsync(FakeAz az, IReadOnlyDictionary<string, string> variables)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ShellHook);
        foreach (var name in HookVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        start.Environment["SEED_EVENTS_RETRY_SECONDS"] = "0";
        start.Environment["PATH"] = $"{az.Directory}{Path.PathSeparator}{start.Environment["PATH"]}";

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        await output;
        return (process.ExitCode, await error);
    }

    [GeneratedRegex(@"^  functions:\n(?:    .*\n)+", RegexOptions.Multiline)]
    private static partial Regex ServiceBlock();

    [GeneratedRegex(@"project:\s*(\S+)")]
    private static partial Regex ProjectPath();

    [GeneratedRegex(@"^\s*run:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex RunLine();

    [GeneratedRegex(@"^\$\{([A-Z0-9_]+)(?:=[^}]*)?\}$")]
    private static partial Regex AzdVariable();

    [GeneratedRegex(@"\bAZURE_[A-Z_]+\b")]
    private static partial Regex AzureVariable();

    /// <summary>An <c>az</c> on PATH that records its arguments and fails a set number of times first.</summary>
    private sealed class FakeAz : IDisposable
    {
        private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("serverless-instruct-az-");

        public FakeAz(int failuresBeforeSuccess)
        {
            var script = Path.Combine(Directory, "az");
            File.WriteAllText(script, $"""
                #!/bin/sh
                echo "$*" >> "{CallLog}"
                [ "$(wc -l < "{CallLog}")" -gt {Math.Min(failuresBeforeSuccess, 1_000_000)} ]
                """);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Directory => _directory.FullName;

        private string CallLog => Path.Combine(Directory, "calls.log");

        public string[] Calls => File.Exists(CallLog) ? File.ReadAllLines(CallLog) : [];

        public void Dispose() => _directory.Delete(recursive: true);
    }
}
