using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Tests.Infrastructure;
using ServerlessInstruct.LocalHost.Runs;

namespace ServerlessInstruct.Functions.Tests.LocalRuns;

/// <summary>The README's main job, <c>serverless-instruct run</c>, through the runner behind it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalRunnerTests : IDisposable
{
    readonly string workDirectory = Directory.CreateTempSubdirectory("serverless-instruct-run-").FullName;

    [Fact]
    public async Task A_run_downloads_the_dataset_and_running_it_again_finds_the_same_run()
    {
        // A seed file of its own, so its blob (and run id) belongs to this test only.
        var seeds = Path.Combine(workDirectory, $"seeds-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, seeds);
        var request = new LocalRunRequest
        {
            SeedsPath = seeds,
            OutputDirectory = Path.Combine(workDirectory, "out"),
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
    public async Task Other_options_for_the_same_seed_file_make_another_run()
    {
        var seeds = Path.Combine(workDirectory, $"seeds-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, seeds);
        var request = new LocalRunRequest
        {
            SeedsPath = seeds,
            OutputDirectory = Path.Combine(workDirectory, "out"),
            Options = new Dictionary<string, string> { ["target"] = "6" },
        };

        var small = await LocalRunner.RunAsync(request, progress: null, loggerFactory: null, CancellationToken.None);
        var larger = await LocalRunner.RunAsync(
            request with { Options = new Dictionary<string, string> { ["target"] = "9" } }, progress: null, loggerFactory: null, CancellationToken.None);

        Assert.True(larger.Started);
        Assert.NotEqual(small.RunId, larger.RunId);
        Assert.Equal(9, larger.Summary?.Totals.Records);
    }

    public void Dispose() => Directory.Delete(workDirectory, recursive: true);
}
