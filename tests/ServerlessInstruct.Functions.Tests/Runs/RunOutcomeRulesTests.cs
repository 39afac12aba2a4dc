using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Runs;

/// <summary>The rules that end a run and size its safety stops, as pure functions: no engine, no storage.</summary>
public sealed class RunOutcomeRulesTests
{
    [Theory]
    [InlineData(1, 200)]
    [InlineData(100, 200)]
    [InlineData(1_000, 200)]
    [InlineData(1_001, 201)]
    [InlineData(20_000, 4_000)]
    [InlineData(52_002, 10_401)]
    [InlineData(10_000_000, RoundLimits.MostRounds)]
    public void The_default_round_limit_follows_the_target(int target, int rounds) =>
        Assert.Equal(rounds, RoundLimits.DefaultMaxRounds(target));

    [Fact]
    public void Options_without_a_round_limit_take_the_one_that_follows_the_target_and_an_explicit_one_wins()
    {
        var defaults = new PipelineOptions();
        var llm = new LlmOptions();

        Assert.Equal(10_401, RunOptionsResolver.Resolve(defaults, llm, "run", new Dictionary<string, string> { ["target"] = "52002" }).MaxRounds);
        Assert.Equal(30, RunOptionsResolver.Resolve(defaults, llm, "run", new Dictionary<string, string> { ["target"] = "52002", ["maxRounds"] = "30" }).MaxRounds);
        Assert.Equal(7, RunOptionsResolver.Resolve(new PipelineOptions { MaxRounds = 7 }, llm, "run", null).MaxRounds);
    }

    [Fact]
    public void A_run_goes_on_while_it_makes_progress() =>
        Assert.Null(RunOutcomes.After(State(records: 50), failure: null, cancelled: false));

    [Fact]
    public void A_failure_wins_over_everything_else() =>
        Assert.Equal(RunOutcomes.Failed, RunOutcomes.After(State(records: 100), "storage stayed away", cancelled: true));

    [Fact]
    public void A_reached_target_wins_over_a_cancel_in_the_same_round() =>
        Assert.Equal(RunOutcomes.Completed, RunOutcomes.After(State(records: 100), failure: null, cancelled: true));

    [Fact]
    public void A_cancel_wins_over_the_budget_and_the_budget_over_the_round_limits()
    {
        var spent = State(records: 10, round: 200, costUsd: 2m, budgetUsd: 1);

        Assert.Equal(RunOutcomes.Cancelled, RunOutcomes.After(spent, failure: null, cancelled: true));
        Assert.Equal(RunOutcomes.BudgetExhausted, RunOutcomes.After(spent, failure: null, cancelled: false));
    }

    [Fact]
    public void Rounds_without_a_record_stop_the_run_as_stalled_before_the_round_limit()
    {
        Assert.Null(RunOutcomes.After(State(records: 10, roundsWithoutRecords: 9), failure: null, cancelled: false));
        Assert.Equal(RunOutcomes.Stalled, RunOutcomes.After(State(records: 10, roundsWithoutRecords: 10, round: 200), failure: null, cancelled: false));
        Assert.Equal(RunOutcomes.MaxRounds, RunOutcomes.After(State(records: 10, round: 200), failure: null, cancelled: false));
    }

    [Fact]
    public void A_walking_mode_completes_at_the_end_of_its_input()
    {
        var walked = State(records: 10, mode: "translate") with { SeedTasks = 20, SourceCursor = 20 };

        Assert.Equal(RunOutcomes.Completed, RunOutcomes.After(walked, failure: null, cancelled: false));
    }

    [Theory]
    [InlineData(RunOutcomes.Failed, true)]
    [InlineData(RunOutcomes.Cancelled, true)]
    [InlineData(RunOutcomes.Completed, false)]
    [InlineData(RunOutcomes.BudgetExhausted, false)]
    [InlineData(RunOutcomes.MaxRounds, false)]
    [InlineData(RunOutcomes.Stalled, false)]
    public void Only_failed_and_cancelled_runs_restart(string outcome, bool restarts) =>
        Assert.Equal(restarts, RunOutcomes.CanRestart(outcome));

    private static RunState State(
        int records, int round = 3, int roundsWithoutRecords = 0, decimal costUsd = 0, double? budgetUsd = null,
        string mode = "self-instruct")
    {
        var options = RunOptionsResolver.Resolve(new PipelineOptions(), new LlmOptions(), "run", new Dictionary<string, string>
        {
            ["target"] = "100",
            ["maxRounds"] = "200",
            ["mode"] = mode,
        }) with { BudgetUsd = budgetUsd };
        return new RunState
        {
            Request = new RunRequest("run", "seeds.jsonl", "etag", options, DateTimeOffset.UnixEpoch),
            Round = round,
            SeedTasks = 175,
            RoundsWithoutRecords = roundsWithoutRecords,
            Totals = RunTotals.Empty with { Records = records, Usage = new LlmUsage(1, 10, 10, costUsd) },
        };
    }
}
