using System.Globalization;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.LlmSimulator;
using Xunit.Abstractions;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>
/// A run against an LLM that misbehaves the way real deployments do: throttling, server errors, requests that hang
/// until the client gives up, broken response bodies and content-filter refusals. The run must still reach its target,
/// and every answer it could not use must be accounted for.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FaultRunTests(ITestOutputHelper output)
{
    private const int Target = 40;

    [Fact]
    public async Task A_run_through_throttling_errors_hangs_and_refusals_reaches_its_target_and_accounts_for_every_failure()
    {
        var faults = new SimulatorOptions
        {
            Fail429 = 0.10,
            RetryAfter = TimeSpan.FromMilliseconds(200),
            Fail500 = 0.025,
            Fail503 = 0.025,
            Hang = 0.02,
            HangTime = TimeSpan.FromSeconds(30),
            Malformed = 0.05,
            ContentFilter = 0.04,
        };
        await using var harness = await PipelineHarness.StartAsync(
            simulatorOptions: faults,
            settings: new Dictionary<string, string?> { ["Llm:RequestTimeout"] = "00:00:02" });
        var seed = await harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);

        // The shares decide most faults; one of each kind up front makes sure every kind happens in every run. The first
        // requests are instruction-generation prompts, one LLM call per activity, so the refusal is bound to be recorded.
        harness.Simulator.InjectFaults(
            SimulatedFault.ContentFilter,
            SimulatedFault.TooManyRequests,
            SimulatedFault.InternalServerError,
            SimulatedFault.ServiceUnavailable,
            SimulatedFault.Hang,
            SimulatedFault.Malformed);

        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = Target.ToString(CultureInfo.InvariantCulture) });
        var (_, summary) = await harness.WaitAsync(run.RunId, TimeSpan.FromMinutes(3));

        var stats = harness.Simulator.Stats.Snapshot();
        var outputs = await RunOutputs.ReadAsync(harness, run.RunId);
        var calls = outputs.Manifest.GetProperty("llm").GetProperty("calls").GetInt32();
        output.WriteLine($"requests={stats.Requests} answers used={calls} outcomes: {string.Join(", ", stats.Outcomes.Where(o => o.Value > 0).Select(o => $"{o.Key}={o.Value}"))}");
        output.WriteLine($"records={summary.Totals.Records} rounds={summary.Rounds} rejected.jsonl lines={outputs.Rejected.Count}: "
            + string.Join(", ", outputs.Rejected.GroupBy(r => $"{r.GetProperty("stage").GetString()}/{r.GetProperty("reason").GetString()}").Select(g => $"{g.Key}={g.Count()}")));

        // The faults reached the client as faults, so the run below really went through them.
        foreach (var outcome in new[] { "429", "500", "503", "hang", "malformed", "content_filter" })
        {
            Assert.True(stats.Outcomes[outcome] > 0, $"no '{outcome}' was answered");
        }

        // The target, exactly, without duplicates.
        Assert.Equal(RunOutcomes.Completed, summary.Outcome);
        Assert.Equal(Target, outputs.Records.Count);
        Assert.Equal(Target, outputs.Records.Select(r => r.GetProperty("id").GetString()).Distinct().Count());

        // Failed attempts were sent again: more requests than answers the run used, and every used answer was a real one.
        var answered = stats.Outcomes["ok"] + stats.Outcomes["truncated"] + stats.Outcomes["filtered_output"] + stats.Outcomes["content_filter"];
        Assert.True(stats.Requests > calls, $"{stats.Requests} requests for {calls} used answers: nothing was retried");
        Assert.True(answered >= calls, $"{calls} answers used but the simulator gave only {answered}");

        // Refusals are recorded with their reason, never silently dropped; an activity that gave up says why.
        Assert.NotEmpty(outputs.RejectedWith(ParseProblems.ContentFiltered));
        Assert.All(outputs.Rejected, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.GetProperty("stage").GetString()));
            Assert.False(string.IsNullOrEmpty(r.GetProperty("reason").GetString()));
        });
        Assert.All(outputs.RejectedWith(PipelineReasons.ActivityFailed), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("detail").GetString())));

        outputs.AssertCountsAddUp();
    }
}
