using ServerlessInstruct.Core.Records;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessInstruct.Functions.Activities;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// One Self-Instruct run, a round per orchestration generation: generate instructions (fan-out), filter them
/// against the pool (one activity, so greedy decisions are sequential), generate instances (fan-out), write the
/// round, then ContinueAsNew so history stays one round long. Deterministic: no I/O, no clock, no randomness
/// here; activities do all of that.
/// </summary>
public static class SelfInstructOrchestrator
{
    public const string CancelEvent = "cancel";

    static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    [Function(nameof(SelfInstructOrchestrator))]
    public static async Task<RunSummary?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var state = context.GetInput<RunState>()
            ?? throw new InvalidOperationException("The orchestration was started without its RunState input.");

        // Raised by the cancel API; carried across ContinueAsNew, checked between rounds.
        var cancel = context.WaitForExternalEvent<string>(CancelEvent);

        if (state.Round == 0)
        {
            context.SetCustomStatus(RunProgress.From(state, "loading-seeds"));
            var prepared = await context.CallActivityAsync<PreparedRun>(nameof(PrepareRun), state.Request, Retry);
            state = state with
            {
                Round = 1,
                SeedTasks = prepared.SeedTasks,
                Totals = state.Totals.WithRejections(prepared.Issues),
            };
            if (prepared.Error is not null)
            {
                return await FinishAsync(context, state, RunOutcomes.Failed, prepared.Error);
            }
        }

        state = await RunRoundAsync(context, state);

        var options = state.Request.Options;
        var outcome =
            state.Totals.Records >= options.TargetCount ? RunOutcomes.Completed
            : cancel.IsCompleted ? RunOutcomes.Cancelled
            : options.BudgetUsd is { } budget && state.Totals.Usage.CostUsd >= (decimal)budget ? RunOutcomes.BudgetExhausted
            : state.Round >= options.MaxRounds ? RunOutcomes.MaxRounds
            : null;
        if (outcome is not null)
        {
            return await FinishAsync(context, state, outcome, null);
        }

        context.SetCustomStatus(RunProgress.From(state, "running"));
        context.ContinueAsNew(state with { Round = state.Round + 1 }, preserveUnprocessedEvents: true);
        return null;
    }

    static async Task<RunState> RunRoundAsync(TaskOrchestrationContext context, RunState state)
    {
        var request = state.Request;
        var round = state.Round;
        var totals = state.Totals;
        var rejected = new List<RejectedRecord>();
        context.SetCustomStatus(RunProgress.From(state, "generating-instructions"));

        // 1. Instruction generation: one prompt per concurrency slot.
        var generation = await Task.WhenAll(Enumerable.Range(0, request.Options.MaxConcurrency).Select(slot =>
            CallOrRecordAsync<GeneratedInstructions>(
                context,
                nameof(GenerateInstructions),
                new GenerateInstructionsInput(request, round, slot, totals.InstructionsKept),
                PipelineStages.InstructionGeneration,
                $"round {round} prompt {slot}",
                round,
                rejected)));
        var candidates = generation.OfType<GeneratedInstructions>().SelectMany(g => g.Candidates).ToList();
        rejected.AddRange(generation.OfType<GeneratedInstructions>().SelectMany(g => g.Problems));
        var usage = generation.OfType<GeneratedInstructions>().Aggregate(LlmUsage.None, (sum, g) => sum + g.Usage);

        // 2. Filters and the near-duplicate pool, decided one candidate at a time.
        var filtered = candidates.Count == 0
            ? new FilteredInstructions([], [])
            : await context.CallActivityAsync<FilteredInstructions>(
                nameof(FilterInstructions), new FilterInstructionsInput(request, round, candidates), Retry);
        rejected.AddRange(filtered.Rejected);

        // 3. Classification and instances, a bounded number at a time.
        context.SetCustomStatus(RunProgress.From(state with { Totals = totals with { InstructionsKept = totals.InstructionsKept + filtered.Accepted.Count } }, "generating-instances"));
        var tasks = (await WhenAllBoundedAsync(
            filtered.Accepted,
            request.Options.MaxConcurrency,
            instruction => CallOrRecordAsync<GeneratedTask>(
                context,
                nameof(GenerateInstances),
                new GenerateInstancesInput(request, round, instruction),
                PipelineStages.InstanceGeneration,
                instruction.Instruction,
                round,
                rejected)))
            .OfType<GeneratedTask>()
            .ToList();

        foreach (var task in tasks)
        {
            rejected.AddRange(task.Rejected);
            usage += task.Usage;
        }

        // 4. Records up to the target, then one idempotent write for the round.
        var records = RoundRecords.Build(request, round, tasks, request.Options.TargetCount - totals.Records);
        var kept = tasks.Sum(t => t.Instances.Count);
        await context.CallActivityAsync<int>(nameof(WriteRound), new WriteRoundInput(request, round, records, rejected), Retry);

        return state with
        {
            Totals = totals.WithRejections(rejected) with
            {
                Records = totals.Records + records.Count,
                InstructionsGenerated = totals.InstructionsGenerated + candidates.Count,
                InstructionsKept = totals.InstructionsKept + filtered.Accepted.Count,
                InstancesGenerated = totals.InstancesGenerated + tasks.Sum(t => t.InstancesGenerated),
                InstancesKept = totals.InstancesKept + kept,
                InstancesOverTarget = totals.InstancesOverTarget + kept - records.Count,
                Usage = totals.Usage + usage,
            },
        };
    }

    /// <summary>
    /// Runs <paramref name="start"/> for every item with at most <paramref name="limit"/> in flight, starting the
    /// next as soon as one finishes; results keep the items' order. Task.WhenAny is replay-safe in orchestrators.
    /// </summary>
    static async Task<TResult[]> WhenAllBoundedAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, int limit, Func<TItem, Task<TResult>> start)
    {
        var started = new Task<TResult>[items.Count];
        var running = new HashSet<Task<TResult>>();
        for (var i = 0; i < items.Count; i++)
        {
            if (running.Count == limit)
            {
                running.Remove(await Task.WhenAny(running));
            }

            started[i] = start(items[i]);
            running.Add(started[i]);
        }

        return await Task.WhenAll(started);
    }

    /// <summary>
    /// Calls an activity with retries; when it still fails (the LLM stayed unavailable), records why and lets the
    /// run go on without that piece.
    /// </summary>
    static async Task<T?> CallOrRecordAsync<T>(
        TaskOrchestrationContext context, string activity, object input, string stage, string candidate, int round, List<RejectedRecord> rejected)
        where T : class
    {
        try
        {
            return await context.CallActivityAsync<T>(activity, input, Retry);
        }
        catch (TaskFailedException e)
        {
            rejected.Add(new RejectedRecord(candidate, stage, PipelineReasons.ActivityFailed, e.FailureDetails.ErrorMessage, round));
            return null;
        }
    }

    static async Task<RunSummary> FinishAsync(TaskOrchestrationContext context, RunState state, string outcome, string? error)
    {
        context.SetCustomStatus(RunProgress.From(state, "writing-manifest"));
        await context.CallActivityAsync<string>(nameof(FinalizeRun), new FinalizeRunInput(state, outcome, error), Retry);
        context.SetCustomStatus(RunProgress.From(state, outcome));
        return new RunSummary(state.Request.RunId, outcome, state.Round, state.Totals, error);
    }
}
