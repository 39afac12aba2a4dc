using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ServerlessInstruct.Functions.Http;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Runs;

/// <summary>
/// <c>POST /api/runs/{runId}/restart</c>, through the function: a cancelled run carries on from the round after its
/// last and completes with nothing lost or doubled; runs that cannot restart get a problem response saying why.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RestartRunTests
{
    [Fact]
    public async Task A_cancelled_run_restarts_after_its_last_round_and_completes()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var seed = await harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);
        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "150" });
        await harness.Client.RaiseEventAsync(run.RunId, PipelineOrchestrator.CancelEvent, "test");
        var (_, cancelled) = await harness.WaitAsync(run.RunId, TimeSpan.FromMinutes(2));
        Assert.Equal(RunOutcomes.Cancelled, cancelled.Outcome);
        var requestsBefore = harness.Simulator.Stats.Snapshot().Requests;

        var response = await RestartAsync(harness, run.RunId);

        Assert.IsType<AcceptedResult>(response);
        var (_, completed) = await harness.WaitAsync(run.RunId, TimeSpan.FromMinutes(3));
        Assert.Equal(RunOutcomes.Completed, completed.Outcome);
        Assert.True(completed.Rounds > cancelled.Rounds);
        var records = await harness.ReadLinesAsync(run.RunId, "data.jsonl");
        Assert.Equal(150, records.Count);
        Assert.Equal(records.Count, records.Distinct().Count());
        Assert.True(harness.Simulator.Stats.Snapshot().Requests > requestsBefore);
        (await RunOutputs.ReadAsync(harness, run.RunId)).AssertCountsAddUp();
    }

    [Fact]
    public async Task Runs_that_cannot_restart_are_refused_with_the_reason()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var seed = await harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);
        var done = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "3" });
        await harness.WaitAsync(done.RunId, TimeSpan.FromMinutes(2));

        var completed = Assert.IsType<ObjectResult>(await RestartAsync(harness, done.RunId));
        Assert.Equal(StatusCodes.Status409Conflict, completed.StatusCode);
        Assert.Contains("ended completed", Assert.IsType<ProblemDetails>(completed.Value).Detail, StringComparison.Ordinal);

        var unknown = Assert.IsType<ObjectResult>(await RestartAsync(harness, "no-such-run-000000000000"));
        Assert.Equal(StatusCodes.Status404NotFound, unknown.StatusCode);

        // A run whose seed blob was replaced stays as it was: the new upload is a run of its own.
        var cancelled = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "500" });
        await harness.Client.RaiseEventAsync(cancelled.RunId, PipelineOrchestrator.CancelEvent, "test");
        await harness.WaitAsync(cancelled.RunId, TimeSpan.FromMinutes(2));
        await using (var content = File.OpenRead(RepositoryPaths.SampleSeedTasks))
        {
            await seed.UploadAsync(content, overwrite: true);
        }

        var replaced = Assert.IsType<ObjectResult>(await RestartAsync(harness, cancelled.RunId));
        Assert.Equal(StatusCodes.Status409Conflict, replaced.StatusCode);
        Assert.Contains("was replaced", Assert.IsType<ProblemDetails>(replaced.Value).Detail, StringComparison.Ordinal);
    }

    private static Task<IActionResult> RestartAsync(PipelineHarness harness, string runId) =>
        new RestartRun(harness.Get<RunStarter>()).RunAsync(new DefaultHttpContext().Request, runId, harness.Client, new TestFunctionContext());
}
