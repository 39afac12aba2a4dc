using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Activities;
using ServerlessInstruct.Functions.Llm;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// One run in any of the <see cref="PipelineModes"/>, a round per orchestration generation. A round is an overlapped
/// pipeline (<see cref="RoundPipeline"/>): the mode's generation calls propose candidate tasks, the instruction filters
/// and the ROUGE-L pool decide them a step at a time (one activity per step, so greedy decisions are sequential), the
/// mode's completion calls write the outputs still missing and the instance filters judge them, and each step is
/// written, all at once. Then ContinueAsNew, so history stays one round long. Deterministic: no I/O, no clock, no
/// randomness here; activities do all of that.
/// </summary>
public static class PipelineOrchestrator
{
    public const string CancelEvent = "cancel";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1))
    {
        // A request the LLM refused (wrong deployment, no access) is refused again however often it is sent.
        HandleFailure = failure => !failure.IsCausedBy<LlmRefusedException>(),
    });

    [Function(nameof(PipelineOrchestrator))]
    public static async Task<RunSummary?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var state = context.GetInput<RunState>()
            ?? throw new InvalidOperationException("The orchestration was started without its RunState input.");

        // Where a restart of this run would begin if it ended now: see ResumeAfter.
        var resume = state;

        // Raised by the cancel API; carried across ContinueAsNew, checked between rounds.
        var cancel = context.WaitForExternalEvent<string>(CancelEvent);

        // Why the run cannot go on: bad options, an unusable seed file, an LLM that refuses or stays away, storage that
        // stayed unreachable through every retry. The run then ends with a manifest saying so, not a bare failure.
        var failure = state.Request.OptionsError;
        try
        {
            if (failure is null && state.Round == 0)
            {
                context.SetCustomStatus(RunProgress.From(state, "loading-seeds"));
                var prepared = await context.CallAsync(ActivityCalls.PrepareRun, state.Request, Retry);
                state = state with
                {
                    Round = 1,
                    SeedTasks = prepared.SeedTasks,
                    Totals = state.Totals.WithRejections(prepared.Issues),
                };
                failure = prepared.Error;
                resume = failure is null ? state : resume;
            }

            if (failure is null)
            {
                var before = state;
                (state, failure) = await RunRoundAsync(context, state, cancel, written => resume = ResumeAfter(written));
                if (failure is not null)
                {
                    // Every call of the round failed, so it wrote no record: a restart takes its input records again.
                    resume = resume with { SourceCursor = before.SourceCursor };
                }
            }
        }
        catch (TaskFailedException e)
        {
            failure = $"{e.TaskName} failed: {e.FailureDetails.ErrorMessage}";
        }

        var outcome = RunOutcomes.After(state, failure, cancel.IsCompleted);
        if (outcome is not null)
        {
            return await FinishAsync(context, state, outcome, failure, resume);
        }

        context.SetCustomStatus(RunProgress.From(state, "running"));
        context.ContinueAsNew(state with { Round = state.Round + 1 }, preserveUnprocessedEvents: true);
        return null;
    }

    /// <summary>
    /// One round (<see cref="RoundPipeline"/>). Returns the state after it, and why the run must end when the LLM cannot
    /// be used (<see cref="LlmAvailability"/>).
    /// <paramref name="written"/> learns the state after each written step, before a failure can end the round.
    /// </summary>
    private static async Task<(RunState State, string? LlmFailure)> RunRoundAsync(
        TaskOrchestrationContext context, RunState state, Task cancel, Action<RunState> written)
    {
        context.SetCustomStatus(RunProgress.From(state, "running"));
        var round = await RoundPipeline.RunAsync(context, state, Retry, cancel, written);
        var after = round.Written;
        var roundsWithoutLlm = LlmAvailability.RoundsWithout(state.RoundsWithoutLlm, round.Calls, round.FailedCalls);
        var llmFailure = round.BatchFailure ?? LlmAvailability.Failure(roundsWithoutLlm, round.Refusal, round.LastFailure);

        return (after with
        {
            RoundsWithoutLlm = roundsWithoutLlm,
            RoundsWithoutRecords = after.Totals.Records == state.Totals.Records ? state.RoundsWithoutRecords + 1 : 0,
        }, llmFailure);
    }

    /// <summary>
    /// Where a restart begins: the round after the last written step (written blocks of data.jsonl and rejected.jsonl
    /// are final, and the steps and input records after it are taken again). Before the seeds are loaded, the restart
    /// loads them.
    /// </summary>
    private static RunState ResumeAfter(RunState written) => written with
    {
        Round = written.Round + 1,
        RoundsWithoutLlm = 0,
        RoundsWithoutRecords = 0,
    };

    private static async Task<RunSummary> FinishAsync(TaskOrchestrationContext context, RunState state, string outcome, string? error, RunState resume)
    {
        context.SetCustomStatus(RunProgress.From(state, "writing-manifest"));
        await context.CallAsync(ActivityCalls.FinalizeRun, new FinalizeRunInput(state, outcome, error, context.CurrentUtcDateTime), Retry);
        context.SetCustomStatus(RunProgress.From(state, outcome));
        return new RunSummary(state.Request.RunId, outcome, state.Round, state.Totals, error)
        {
            DurationSeconds = Math.Round((context.CurrentUtcDateTime - state.Request.RequestedAt).TotalSeconds, 3),
            Resume = resume,
        };
    }
}
