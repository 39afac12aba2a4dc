using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Tests.Throughput;

/// <summary>How an overlapped round decides to start another generation call, and how long it runs before it drains.</summary>
public sealed class PipelinePlanTests
{
    private static readonly PipelinePlan.Yield Nothing = new(0, 0, 0, 0);

    [Fact]
    public void Before_anything_is_filtered_and_completed_a_round_starts_one_generation_call_per_slot()
    {
        Assert.True(PipelinePlan.WantsAnotherCall(target: 10_000, written: 0, callsOutstanding: 7, callsStarted: 7, Nothing, assumed: 2, concurrency: 8));
        Assert.False(PipelinePlan.WantsAnotherCall(target: 10_000, written: 0, callsOutstanding: 8, callsStarted: 8, Nothing, assumed: 2, concurrency: 8));

        // Filtered but no output completed yet: how many records an instruction brings is still unknown.
        var filtered = Nothing.Filtered(calls: 8, kept: 24);
        Assert.False(PipelinePlan.WantsAnotherCall(target: 10_000, written: 0, callsOutstanding: 0, callsStarted: 8, filtered, assumed: 2, concurrency: 8));
        Assert.True(PipelinePlan.WantsAnotherCall(target: 10_000, written: 0, callsOutstanding: 0, callsStarted: 8, filtered.Completed(1, 3), assumed: 2, concurrency: 8));
    }

    [Fact]
    public void Once_calls_are_filtered_their_yield_decides_how_many_the_target_still_needs()
    {
        // 30 instructions kept from 10 calls, 27 records from the 30 completed: 2.7 records a call.
        var yield = Nothing.Filtered(calls: 10, kept: 30).Completed(instructions: 30, records: 27);
        Assert.Equal(2.7, PipelinePlan.RecordsPerCall(yield, assumed: 2), precision: 9);

        // 100 records to go, asked for with a quarter more (125): 46 outstanding calls are expected to bring 124.2, 47 bring 126.9.
        Assert.True(PipelinePlan.WantsAnotherCall(1_000, 900, callsOutstanding: 46, callsStarted: 500, yield, 2, concurrency: 64));
        Assert.False(PipelinePlan.WantsAnotherCall(1_000, 900, callsOutstanding: 47, callsStarted: 500, yield, 2, concurrency: 64));
    }

    [Fact]
    public void Near_the_target_an_eighth_of_the_slots_stay_busy_with_generation_calls()
    {
        var yield = Nothing.Filtered(calls: 10, kept: 30).Completed(instructions: 30, records: 30);

        // One record to go is covered by one call's 3 expected records, but a call can bring none: 8 of 64 slots stay busy.
        Assert.True(PipelinePlan.WantsAnotherCall(1_000, 999, callsOutstanding: 7, callsStarted: 500, yield, 2, concurrency: 64));
        Assert.False(PipelinePlan.WantsAnotherCall(1_000, 999, callsOutstanding: 8, callsStarted: 500, yield, 2, concurrency: 64));
    }

    [Fact]
    public void Kept_instructions_count_as_one_record_each_until_some_are_completed()
    {
        var filtered = Nothing.Filtered(calls: 4, kept: 10);

        Assert.Equal(2.5, PipelinePlan.RecordsPerCall(filtered, assumed: 9), precision: 9);
        Assert.Equal(9, PipelinePlan.RecordsPerCall(Nothing, assumed: 9), precision: 9);
    }

    [Fact]
    public void A_reached_target_wants_no_more_calls()
    {
        var yield = Nothing.Filtered(10, 30).Completed(30, 30);

        Assert.False(PipelinePlan.WantsAnotherCall(500, 500, callsOutstanding: 0, callsStarted: 100, yield, 2, concurrency: 64));
    }

    [Fact]
    public void A_walking_batch_never_takes_more_input_than_the_target_could_use_nor_than_is_left()
    {
        Assert.Equal(10, PipelinePlan.SourceBatch(batchSize: 10, inputLeft: 500, unclaimed: 40));
        Assert.Equal(3, PipelinePlan.SourceBatch(batchSize: 10, inputLeft: 500, unclaimed: 3));
        Assert.Equal(2, PipelinePlan.SourceBatch(batchSize: 10, inputLeft: 2, unclaimed: 40));
        Assert.Equal(0, PipelinePlan.SourceBatch(batchSize: 10, inputLeft: 500, unclaimed: -4));
    }

    [Fact]
    public void A_round_runs_sixteen_flights_of_calls_within_bounds_that_keep_its_history_short()
    {
        Assert.Equal(PipelinePlan.MinCallsPerRound, PipelinePlan.CallsPerRound(2));
        Assert.Equal(66 * 16, PipelinePlan.CallsPerRound(66));
        Assert.Equal(PipelinePlan.MaxCallsPerRound, PipelinePlan.CallsPerRound(101));
        Assert.Equal(PipelinePlan.MaxCallsPerRound, PipelinePlan.CallsPerRound(256));
    }
}
