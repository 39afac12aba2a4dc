using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.LlmSimulator;
using ServerlessInstruct.LlmSimulator.Stats;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>
/// A run's <c>model</c> option is the deployment its calls go to; one the LLM does not have is refused with 404, which
/// no retry can mend, so the run must end at once, saying why, instead of paying for rounds that cannot succeed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LlmRefusalTests
{
    private static readonly SimulatorOptions TwoDeployments = new() { Seed = 5, Deployments = ["simulator", "second-deployment"] };

    [Fact]
    public async Task The_model_option_chooses_the_deployment_every_call_goes_to()
    {
        await using var harness = await PipelineHarness.StartAsync(simulatorOptions: TwoDeployments);
        var seed = await harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);

        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "6", ["model"] = "second-deployment" });
        var (_, summary) = await harness.WaitAsync(run.RunId, TimeSpan.FromMinutes(2));

        Assert.Equal(RunOutcomes.Completed, summary.Outcome);
        var models = (await RunOutputs.ReadAsync(harness, run.RunId)).Manifest.GetProperty("llm").GetProperty("models");
        Assert.Equal(["second-deployment"], models.EnumerateObject().Select(m => m.Name));
        Assert.Equal(0, harness.Simulator.Stats.Snapshot()[RequestOutcome.NotFound]);
    }

    [Fact]
    public async Task A_deployment_that_does_not_exist_fails_the_run_after_one_round_without_retrying_a_call()
    {
        await using var harness = await PipelineHarness.StartAsync(simulatorOptions: TwoDeployments);
        var seed = await harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);

        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "50", ["model"] = "no-such-deployment" });
        var (_, summary) = await harness.WaitAsync(run.RunId, TimeSpan.FromMinutes(2));

        Assert.Equal(RunOutcomes.Failed, summary.Outcome);
        Assert.Equal(1, summary.Rounds);
        Assert.Contains("HTTP 404", summary.Error, StringComparison.Ordinal);
        Assert.Contains("no-such-deployment", summary.Error, StringComparison.Ordinal);

        // One request per instruction-generation slot (the harness runs 4): neither the client nor Durable Task sent any again.
        var stats = harness.Simulator.Stats.Snapshot();
        Assert.Equal(4, stats.Requests);
        Assert.Equal(4, stats[RequestOutcome.NotFound]);

        var outputs = await RunOutputs.ReadAsync(harness, run.RunId);
        Assert.Equal(RunOutcomes.Failed, outputs.Manifest.GetProperty("outcome").GetString());
        Assert.Equal(4, outputs.RejectedWith(PipelineReasons.LlmRefused).Count());
        outputs.AssertCountsAddUp();
    }
}
