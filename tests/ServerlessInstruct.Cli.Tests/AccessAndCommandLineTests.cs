using System.Text.Json;

namespace ServerlessInstruct.Cli.Tests;

/// <summary>
/// Who may call in, and what a caller's mistakes cost: every HTTP function of the built app wants a key, whatever it
/// is called, and malformed command lines end as usage errors rather than crashes.
/// </summary>
public sealed class AccessAndCommandLineTests
{
    [Fact]
    public void Every_http_function_in_the_built_app_needs_a_key()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var metadata = Path.Combine(RepositoryPaths.Root, "src", "ServerlessInstruct.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(metadata));

        var httpTriggers = document.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray()
                .Where(binding => binding.GetProperty("type").GetString() == "httpTrigger")
                .Select(binding => (Function: function.GetProperty("name").GetString(), Level: binding.GetProperty("authLevel").GetString())))
            .ToList();

        Assert.NotEmpty(httpTriggers);
        Assert.All(httpTriggers, trigger => Assert.True(
            trigger.Level is "Function" or "Admin",
            $"{trigger.Function} is open at level {trigger.Level}: every HTTP function needs a function key"));
    }

    [Theory]
    [InlineData("notaurl")]
    [InlineData("ftp://example.com/v1")]
    [InlineData("/v1/chat")]
    public async Task A_bad_endpoint_url_is_a_usage_error_not_a_crash(string endpoint)
    {
        var (code, stderr) = await RunAsync("run", "--seeds", RepositoryPaths.SampleSeedTasks, "--llm", "openai", "--endpoint", endpoint);

        Assert.Equal(2, code);
        Assert.Contains($"--endpoint must be an absolute http or https URL (got '{endpoint}')", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_host_url_is_a_usage_error_not_a_crash()
    {
        var (code, stderr) = await RunAsync("trigger", "--seeds", RepositoryPaths.SampleSeedTasks, "--host", "localhost:7071");

        Assert.Equal(2, code);
        Assert.Contains("--host must be an absolute http or https URL", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ServerlessInstruct.Cli.Program.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stderr.ToString());
    }
}
