using System.Text.RegularExpressions;
using ServerlessInstruct.Infra.Tests.Bicep;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>CI gate: every Bicep file compiles and lints with no errors and no warnings.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BicepValidationTests(CompiledInfrastructure infrastructure)
{
    [Fact]
    public void Infra_holds_the_main_template_its_modules_and_the_post_deploy_template()
    {
        Assert.Contains("main", infrastructure.BicepFiles);
        Assert.Contains("eventgrid", infrastructure.BicepFiles);
        Assert.True(infrastructure.BicepFiles.Count >= 8, string.Join(", ", infrastructure.BicepFiles));
    }

    [Fact]
    public void Every_file_builds_without_errors_or_warnings()
    {
        Assert.True(infrastructure.Build.ExitCode == 0, infrastructure.Build.StandardError);
        Assert.Empty(infrastructure.Build.Sarif.Diagnostics);
        Assert.Equal(infrastructure.BicepFiles, infrastructure.Templates.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_file_lints_without_errors_or_warnings()
    {
        var lint = await LintAsync(infrastructure.RepositoryRoot, CompiledInfrastructure.Pattern);

        Assert.True(lint.ExitCode == 0, lint.StandardError);
        Assert.Equal(infrastructure.BicepFiles.Count, lint.Sarif.RunCount);
        Assert.Empty(lint.Sarif.Diagnostics);
    }

    [Fact]
    public async Task The_repository_linter_configuration_reports_opt_in_rules_as_warnings()
    {
        // Proves the clean result above comes from a strict configuration that is really applied: the same
        // bicepconfig.json flags a hard-coded location (a rule that is off by default) and an unused parameter.
        var directory = Directory.CreateTempSubdirectory("serverless-instruct-lint-");
        try
        {
            File.Copy(Path.Combine(infrastructure.RepositoryRoot, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "sloppy.bicep"), """
                param unused string
                resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
                  name: 'id-sloppy'
                  location: 'westeurope'
                }
                """);

            var lint = await LintAsync(directory.FullName, "*.bicep");

            Assert.Equal(["no-hardcoded-location", "no-unused-params"], lint.Sarif.Diagnostics.Select(d => d.RuleId).Order(StringComparer.Ordinal));
            Assert.All(lint.Sarif.Diagnostics, d => Assert.Equal("warning", d.Level));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void No_template_uses_a_registry_module()
    {
        // The public module registry is unreachable from CI and from many deployment machines.
        var registryReference = new Regex(@"^\s*module\s+\w+\s+'(br|ts)[:/]", RegexOptions.Multiline);
        var offenders = Directory.EnumerateFiles(infrastructure.InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Where(f => registryReference.IsMatch(File.ReadAllText(f)));

        Assert.Empty(offenders);
    }

    private static async Task<BicepRun> LintAsync(string workingDirectory, string pattern)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await BicepCli.Instance.RunAsync(workingDirectory, ["lint", "--pattern", pattern, "--diagnostics-format", "sarif"], timeout.Token);
    }
}
