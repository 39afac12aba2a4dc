using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.LlmSimulator;
using ServerlessInstruct.LocalHost.Runs;

namespace ServerlessInstruct.LocalHost.Tests;

/// <summary>
/// The README's main job, <c>serverless-instruct run</c>, through the runner behind it. Running the same command again
/// is the same run, whatever ran in between, and a run that failed is no dead end: the same command, once its cause is
/// fixed, carries it on from where it stopped.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalRunnerTests : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("serverless-instruct-run-").FullName;

    [Fact]
    public async Task A_run_downloads_the_dataset_and_running_it_again_finds_the_same_run()
    {
        // A seed file of its own, so its blob (and run id) belongs to this test only.
        var seeds = Path.Combine(_workDirectory, $"seeds-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, seeds);
        var request = new LocalRunRequest
        {
            SeedsPath = seeds,
            OutputDirectory = Path.Combine(_workDirectory, "out"),
            Options = new Dictionary<string, string> { ["target"] = "12" },
        };

        var first = await LocalRunner.RunAsync(request, progress: null, loggerFactory: null, CancellationToken.None);
        var second = await LocalRunner.RunAsync(request, progress: null, loggerFactory: null, CancellationToken.None);

        Assert.True(first.Started);
        Assert.Equal(RunOutcomes.Completed, first.Summary?.Outcome);
        Assert.Equal(12, File.ReadLines(Path.Combine(request.OutputDirectory, "data.jsonl")).Count());
        Assert.Contains(first.Files, f => f.EndsWith("manifest.json", StringComparison.Ordinal));
        Assert.False(second.Started);
        Assert.Equal(first.RunId, second.RunId);
        Assert.Equal(first.Summary?.Totals.Records, second.Summary?.Totals.Records);
    }

    [Fact]
    public async Task A_then_B_then_A_finds_the_first_run_and_a_changed_file_is_a_new_run()
    {
        var seeds = Path.Combine(_workDirectory, $"seeds-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, seeds);
        var a = Request(seeds, new() { ["target"] = "5" });
        var b = a with { Options = new Dictionary<string, string> { ["target"] = "7" } };

        var first = await RunAsync(a);
        var other = await RunAsync(b);
        var again = await RunAsync(a);

        Assert.True(first.Started);
        Assert.True(other.Started);
        Assert.NotEqual(first.RunId, other.RunId);
        Assert.Equal(7, other.Summary?.Totals.Records);
        Assert.False(again.Started);
        Assert.False(again.Restarted);
        Assert.Equal(first.RunId, again.RunId);
        Assert.Equal(5, again.Summary?.Totals.Records);

        await File.AppendAllTextAsync(seeds, File.ReadLines(RepositoryPaths.SampleSeedTasks).First().Replace("seed_task_0", "seed_task_extra", StringComparison.Ordinal) + "\n");
        var changed = await RunAsync(a);
        Assert.True(changed.Started);
        Assert.NotEqual(first.RunId, changed.RunId);
    }

    [Fact]
    public async Task A_run_failed_by_a_wrong_deployment_completes_when_run_again_with_the_right_one()
    {
        var seeds = Path.Combine(_workDirectory, $"seeds-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, seeds);
        var request = Request(seeds, new() { ["target"] = "10", ["concurrency"] = "4" }) with
        {
            Simulator = new SimulatorOptions { Seed = 3, Deployments = ["simulator"] },
        };

        var failed = await RunAsync(request with { Deployment = "no-such-deployment" });
        var fixedRun = await RunAsync(request with { Deployment = "simulator" });

        Assert.Equal(RunOutcomes.Failed, failed.Summary?.Outcome);
        Assert.Contains("no-such-deployment", failed.Summary?.Error, StringComparison.Ordinal);
        Assert.Equal(failed.RunId, fixedRun.RunId);
        Assert.True(fixedRun.Restarted);
        Assert.Equal(RunOutcomes.Completed, fixedRun.Summary?.Outcome);
        Assert.Null(fixedRun.Summary?.Error);

        // The refused round stays on record, the rounds after it wrote the records: nothing lost, nothing doubled.
        var data = File.ReadLines(Path.Combine(request.OutputDirectory, "data.jsonl")).ToList();
        Assert.Equal(10, data.Count);
        Assert.Equal(data.Count, data.Distinct().Count());
        var rejected = File.ReadLines(Path.Combine(request.OutputDirectory, "rejected.jsonl")).ToList();
        Assert.Equal(4, rejected.Count(line => line.Contains(PipelineReasons.LlmRefused, StringComparison.Ordinal)));
        Assert.Equal(fixedRun.Summary!.Totals.Rejected.Values.Sum(), rejected.Count);
        Assert.True(fixedRun.Summary.Rounds >= 2);
        Assert.Equal(0, fixedRun.SimulatorStats![LlmSimulator.Stats.RequestOutcome.NotFound]);
    }

    private LocalRunRequest Request(string seeds, Dictionary<string, string> options) => new()
    {
        SeedsPath = seeds,
        OutputDirectory = Path.Combine(_workDirectory, "out"),
        Options = options,
    };

    private static Task<LocalRunResult> RunAsync(LocalRunRequest request) =>
        LocalRunner.RunAsync(request, progress: null, loggerFactory: null, CancellationToken.None);

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);
}
