using System.Text.Json;
using ServerlessInstruct.Functions.Activities;

namespace ServerlessInstruct.Functions.Tests.Build;

/// <summary>
/// What <c>func start</c> and Azure read: the <c>functions.metadata</c> the Worker SDK generates at build time and
/// the extension bundle it restores. Checked here because Functions Core Tools cannot run on this machine.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string OutputDirectory = FindFunctionsOutput();

    private static readonly IReadOnlyDictionary<string, JsonElement> Functions = LoadFunctions();

    [Fact]
    public void Blob_trigger_listens_to_the_seeds_container_through_event_grid()
    {
        var trigger = Binding(nameof(Triggers.StartRunOnSeedBlob), "blobTrigger");
        Assert.Equal("seeds/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Binding(nameof(Triggers.StartRunOnSeedBlob), "durableClient");
    }

    [Fact]
    public void Orchestrator_has_an_orchestration_trigger()
    {
        Binding(nameof(Orchestration.PipelineOrchestrator), "orchestrationTrigger");
    }

    [Fact]
    public void Every_pipeline_activity_has_an_activity_trigger()
    {
        foreach (var activity in PipelineActivities.Types)
        {
            Binding(activity.Name, "activityTrigger");
        }
    }

    [Theory]
    [InlineData(nameof(Http.StartRun), "post", "runs")]
    [InlineData(nameof(Http.ListRuns), "get", "runs")]
    [InlineData(nameof(Http.GetRun), "get", "runs/{runId}")]
    [InlineData(nameof(Http.CancelRun), "post", "runs/{runId}/cancel")]
    [InlineData(nameof(Http.RestartRun), "post", "runs/{runId}/restart")]
    public void Http_functions_need_a_function_key(string function, string method, string route)
    {
        var trigger = Binding(function, "httpTrigger");
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Contains(method, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()), StringComparer.OrdinalIgnoreCase);
        Binding(function, "durableClient");
    }

    [Fact]
    public void No_function_is_listed_that_the_tests_do_not_know()
    {
        var known = PipelineActivities.Types.Select(t => t.Name)
            .Concat([nameof(Triggers.StartRunOnSeedBlob), nameof(Orchestration.PipelineOrchestrator),
                nameof(Http.StartRun), nameof(Http.ListRuns), nameof(Http.GetRun), nameof(Http.CancelRun), nameof(Http.RestartRun)]);
        Assert.Equal(known.Order(), Functions.Keys.Order());
    }

    [Fact]
    public void Worker_extensions_include_durable_task_and_blobs()
    {
        var extensions = File.ReadAllText(Path.Combine(OutputDirectory, ".azurefunctions", "function.deps.json"));
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask", extensions, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.Storage.Blobs", extensions, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_json_is_the_repository_one()
    {
        Assert.Equal(
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")),
            File.ReadAllText(Path.Combine(OutputDirectory, "host.json")));
    }

    private static JsonElement Binding(string function, string type)
    {
        Assert.True(Functions.TryGetValue(function, out var metadata), $"functions.metadata has no function '{function}'");
        var bindings = metadata.GetProperty("bindings").EnumerateArray().ToList();
        var binding = bindings.FirstOrDefault(b => b.GetProperty("type").GetString() == type);
        Assert.True(binding.ValueKind == JsonValueKind.Object, $"'{function}' has no '{type}' binding");
        return binding;
    }

    private static Dictionary<string, JsonElement> LoadFunctions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "functions.metadata")));
        return document.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    private static string FindFunctionsOutput()
    {
        // The tests build in the same configuration as the Functions project they reference.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var directory = Path.Combine(RepositoryPaths.Root, "src", "ServerlessInstruct.Functions", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(directory, "functions.metadata")), $"no functions.metadata in {directory}");
        return directory;
    }
}
