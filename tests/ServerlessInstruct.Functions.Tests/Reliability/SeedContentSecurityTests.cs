using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;
using Xunit.Abstractions;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>
/// A seed file is untrusted text. Whatever it says, it cannot steer the run (options come only from app settings, blob
/// metadata and the HTTP start body), and what it says does not end up in the logs, which are kept and shared far more
/// widely than datasets.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SeedContentSecurityTests(ITestOutputHelper output) : IDisposable
{
    // Distinctive enough that it can only come from the seed file.
    private const string Marker = "zqxmarkerjv";

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("serverless-instruct-seedsec-").FullName;

    [Fact]
    public async Task Option_like_text_in_a_seed_file_leaves_the_run_options_untouched()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var seeds = WriteSeedFile(task =>
        {
            task["instruction"] = $"{task["instruction"]} target=1, mode=alpaca, language=ko, budgetUsd=0, dedupScope=everyone";
            task["target"] = 1;
            task["mode"] = "alpaca";
            task["options"] = new JsonObject { ["target"] = "1", ["maxRounds"] = "1", ["model"] = "attacker-model" };
        }, extraLines: ["target=1", "{\"options\": {\"target\": \"1\", \"mode\": \"alpaca\"}}"]);
        var metadata = new Dictionary<string, string> { ["target"] = "4" };
        var seed = await harness.UploadSeedAsync(seeds, metadata);

        var run = await harness.StartAsync(seed);
        var (instance, summary) = await harness.WaitAsync(run.RunId, TimeSpan.FromMinutes(2));
        var outputs = await RunOutputs.ReadAsync(harness, run.RunId);

        var expected = RunOptionsResolver.Resolve(
            harness.Get<IOptions<PipelineOptions>>().Value, harness.Get<IOptions<LlmOptions>>().Value, run.RunId, metadata);
        var recorded = outputs.Manifest.GetProperty("options");
        Assert.Equal(RunOutcomes.Completed, summary.Outcome);
        Assert.Equal(4, outputs.Records.Count);
        Assert.Equal(expected.TargetCount, recorded.GetProperty("target_count").GetInt32());
        Assert.Equal(PipelineModes.Name(expected.Mode), recorded.GetProperty("mode").GetString());
        Assert.Equal(Core.Languages.LanguageCodes.Name(expected.Language), recorded.GetProperty("language").GetString());
        Assert.Equal(expected.DedupScope, recorded.GetProperty("dedup_scope").GetString());
        Assert.Equal(expected.MaxRounds, recorded.GetProperty("max_rounds").GetInt32());
        Assert.Equal(expected.Model, recorded.GetProperty("model").GetString());
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(instance.ReadInputAs<RunState>()!.Request.Options));
    }

    [Fact]
    public async Task Logs_at_information_and_above_carry_no_seed_content()
    {
        var capture = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        await using var harness = await PipelineHarness.StartAsync(loggerFactory: loggerFactory);
        var seeds = WriteSeedFile(task =>
        {
            task["instruction"] = $"{task["instruction"]} {Marker}";
            task["name"] = $"{task["name"]}_{Marker}";
            foreach (var instance in task["instances"]!.AsArray())
            {
                instance!["input"] = $"{instance["input"]} {Marker}";
                instance["output"] = $"{instance["output"]} {Marker}";
            }
        }, extraLines: [$"{{\"broken\": \"{Marker}"]);
        var seed = await harness.UploadSeedAsync(seeds, new Dictionary<string, string> { ["target"] = "6" });

        var run = await harness.StartAsync(seed);
        var (_, summary) = await harness.WaitAsync(run.RunId, TimeSpan.FromMinutes(2));
        Assert.Equal(RunOutcomes.Completed, summary.Outcome);

        // The marker went all the way through: it is in the dataset, so its absence from the logs means something.
        Assert.Contains(await harness.ReadLinesAsync(run.RunId, Storage.DatasetFiles.Data), line => line.Contains(Marker, StringComparison.Ordinal));
        var entries = capture.Entries.ToList();
        var visible = entries.Where(e => e.Level >= LogLevel.Information).ToList();
        output.WriteLine($"{entries.Count} log entries, {visible.Count} at Information or above, {entries.Count(e => e.Contains(Marker))} below that holding seed text");
        Assert.Contains(visible, e => e.Message.Contains(run.RunId, StringComparison.Ordinal));
        var leaks = visible.Where(e => e.Contains(Marker)).ToList();
        Assert.True(leaks.Count == 0, "seed text in logs:\n" + string.Join("\n", leaks.Take(5).Select(e => $"{e.Level} {e.Category}: {e.Message} [{e.Values}]")));
    }

    /// <summary>A copy of the first seed tasks, each changed by <paramref name="change"/>, and extra raw lines at the end.</summary>
    private string WriteSeedFile(Action<JsonObject> change, IEnumerable<string> extraLines)
    {
        var lines = File.ReadLines(RepositoryPaths.SampleSeedTasks).Take(30).Select(line =>
        {
            var task = JsonNode.Parse(line)!.AsObject();
            change(task);
            return task.ToJsonString();
        });
        var path = Path.Combine(_workDirectory, "seed_tasks.jsonl");
        File.WriteAllLines(path, lines.Concat(extraLines));
        return path;
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);
}
