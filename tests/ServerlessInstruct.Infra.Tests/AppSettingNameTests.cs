using System.Text.Json.Nodes;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>
/// Every structured app setting (<c>Section__Key</c>) names something the app reads. A misspelt key is not an error
/// anywhere: the binder ignores it and the app silently runs on its default, so the names are checked against the
/// Functions source instead of against copies of themselves.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AppSettingNameTests(CompiledInfrastructure infrastructure)
{
    private const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>Read by the Functions host and its extensions, not by StorageClients: the Durable Task and blob-trigger
    /// queues, and the kind of credential of the identity-based connection.</summary>
    private static readonly string[] HostOnlyStorageKeys = ["queueServiceUri", "credential"];

    [Fact]
    public void Every_options_setting_names_a_property_of_the_class_that_binds_its_section()
    {
        var bound = AppSource.BoundOptionsBySection();
        var keys = SettingKeys().Where(k => k.Contains("__", StringComparison.Ordinal) && !k.StartsWith($"{StorageConnection}__", StringComparison.Ordinal)).ToList();

        Assert.All(keys, key =>
        {
            var segments = key.Split("__");
            Assert.True(bound.TryGetValue(segments[0], out var options), $"{key}: the app binds no '{segments[0]}' section (it binds {string.Join(", ", bound.Keys)}).");
            Assert.True(options.Properties.Contains(segments[1], StringComparer.Ordinal), $"{key}: {options.ClassName} ({options.Path}) has no property {segments[1]}.");
        });
        Assert.Contains("Llm__TokensPerMinute", keys);
        Assert.Contains("Pipeline__BudgetUsd", keys);
        Assert.Contains("Pipeline__Judge", keys);
        Assert.Contains("Llm__BatchDeployment", keys);
    }

    [Fact]
    public void Storage_connection_keys_are_ones_the_app_or_the_functions_host_reads()
    {
        var read = AppSource.StorageClientsConnectionKeys();
        var set = SettingKeys().Where(k => k.StartsWith($"{StorageConnection}__", StringComparison.Ordinal)).Select(k => k[(StorageConnection.Length + 2)..]).ToList();

        Assert.Subset(read.Concat(HostOnlyStorageKeys).ToHashSet(StringComparer.Ordinal), set.ToHashSet(StringComparer.Ordinal));
        // accountName is StorageClients' alternative to the two service URIs, which the template sets instead.
        Assert.Subset(set.ToHashSet(StringComparer.Ordinal), read.Except(["accountName"]).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The settings with every optional one present: each pipeline default chosen, the batch deployment on.</summary>
    private IEnumerable<string> SettingKeys() =>
        infrastructure.Main(new Dictionary<string, JsonNode?>
        {
            ["pipelineMode"] = "alpaca",
            ["pipelineLanguage"] = "ko",
            ["pipelineJudge"] = "quality",
            ["pipelineTargetCount"] = 250,
            ["pipelineMaxConcurrency"] = 4,
            ["pipelineBudgetUsd"] = "2.50",
            ["pipelineDedupScope"] = "ko-corpus",
            ["openAiBatchDeployment"] = true,
        }).AppSettings().Select(s => s.Key);
}
