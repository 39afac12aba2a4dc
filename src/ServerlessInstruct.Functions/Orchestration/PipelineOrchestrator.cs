using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Activities;
using ServerlessInstruct.Functions.Llm;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// One run in any of the <see cref="PipelineModes"/>, a round per orchestration generation: the mode's generation
/// step proposes candidate tasks (fan-out), the instruction filters and the ROUGE-L pool decide them (one activity,
/// so greedy decisions are sequential), the mode's completion step writes the outputs still missing (Self-Instruct's
/// instances, translate's answers) and the instance filters judge them, the round is written, then ContinueAsNew so
/// history stays one round long. Deterministic: no I/O, no clock, no randomness here; activities do all of that.
/// </summary>
public static class PipelineOrchestrator
{
    public const string CancelEvent = "cancel";

    /// <summary>Rounds in a row in which no LLM call succeeded before the run gives up on the LLM.</summary>
    public const int MaxRoundsWithoutLlm = 3;

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
                (state, failure) = await RunRoundAsync(context, state);
                resume = ResumeAfter(before, state, failure);
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
    /// One round. Returns the state after it, and why the run must end when the LLM cannot be used: it refused a
    /// whole round's requests, or no call succeeded for <see cref="MaxRoundsWithoutLlm"/> rounds in a row.
    /// </summary>
    private static async Task<(RunState State, string? LlmFailure)> RunRoundAsync(TaskOrchestrationContext context, RunState state)
    {
        var request = state.Request;
        var round = state.Round;
        var totals = state.Totals;
        var log = new RoundLog();
        context.SetCustomStatus(RunProgress.From(state, "generating-instructions"));

        // 1. The mode's generation step: candidate tasks.
        var (generation, sourceTaken) = await GenerateAsync(context, state, log);
        var candidates = generation.SelectMany(g => g.Candidates).ToList();
        log.Rejected.AddRange(generation.SelectMany(g => g.Problems));
        var usage = generation.Aggregate(LlmUsage.None, (sum, g) => sum + g.Usage);

        // 2. Filters and the near-duplicate pool, decided one candidate at a time.
        var filtered = candidates.Count == 0
            ? new FilteredInstructions([], [])
            : await context.CallAsync(
                ActivityCalls.FilterInstructions,
                new FilterInstructionsInput(
                    request,
                    round,
                    candidates.ConvertAll(c => c.Instruction),
                    PipelineModes.WalksSource(request.Options.Mode) ? candidates.ConvertAll(c => c.SourceId) : null),
                Retry);
        log.Rejected.AddRange(filtered.Rejected);

        // 3. The outputs still missing, and the instance filters.
        context.SetCustomStatus(RunProgress.From(state with { Totals = totals with { InstructionsKept = totals.InstructionsKept + filtered.Accepted.Count } }, "generating-instances"));
        var (tasks, completionUsage) = await CompleteAsync(context, state, filtered.Accepted, candidates, log);
        usage += completionUsage;
        foreach (var task in tasks)
        {
            log.Rejected.AddRange(task.Rejected);
            usage += task.Usage;
        }

        // 4. The judging stage, when the run asks for it: its rejections join the round's, its cost the round's.
        var kept = tasks.Sum(t => t.Instances.Count);
        var (judgedTasks, judged) = await JudgeAsync(context, state, tasks, log);
        usage += judged.Usage;

        // 5. Records up to the target, then one idempotent write for the round.
        var records = RoundRecords.Build(request, round, judgedTasks, request.Options.TargetCount - totals.Records);
        await context.CallAsync(ActivityCalls.WriteRound, new WriteRoundInput(request, round, records, log.Rejected), Retry);

        var roundsWithoutLlm = log.Calls > 0 && log.FailedCalls == log.Calls ? state.RoundsWithoutLlm + 1 : 0;
        var llmFailure =
            roundsWithoutLlm > 0 && log.Refusal is { } refusal ? refusal
            : roundsWithoutLlm >= MaxRoundsWithoutLlm ? $"No LLM call succeeded in {roundsWithoutLlm} rounds in a row; the last error: {log.LastFailure}"
            : null;

        return (state with
        {
            Concurrency = ConcurrencyPlan.Next(ConcurrencyPlan.Current(state), request.Options.MaxConcurrency, request.Options.QuotaTokensPerMinute, usage),
            RoundsWithoutLlm = roundsWithoutLlm,
            RoundsWithoutRecords = records.Count == 0 ? state.RoundsWithoutRecords + 1 : 0,
            SourceCursor = state.SourceCursor + sourceTaken,
            Totals = totals.WithRejections(log.Rejected) with
            {
                Records = totals.Records + records.Count,
                InstructionsGenerated = totals.InstructionsGenerated + candidates.Count,
                InstructionsKept = totals.InstructionsKept + filtered.Accepted.Count,
                InstancesGenerated = totals.InstancesGenerated + tasks.Sum(t => t.InstancesGenerated),
                InstancesKept = totals.InstancesKept + kept,
                InstancesOverTarget = totals.InstancesOverTarget + judgedTasks.Sum(t => t.Instances.Count) - records.Count,
                Usage = totals.Usage + usage,
                Judge = totals.Judge + judged.Tally,
            },
        }, llmFailure);
    }

    /// <summary>
    /// The mode's generation calls, all at once: one per concurrency slot for the sampling modes, one per batch of
    /// input records for the modes that walk through their input. Returns the calls that succeeded and how many
    /// input records the round took.
    /// </summary>
    private static async Task<(IReadOnlyList<GeneratedCandidates> Calls, int SourceTaken)> GenerateAsync(
        TaskOrchestrationContext context, RunState state, RoundLog log)
    {
        var request = state.Request;
        var options = request.Options;
        var round = state.Round;
        switch (options.Mode)
        {
            case PipelineModes.Alpaca:
            {
                // No more calls than the target still needs, at the records per call seen so far (before the first
                // round, half a batch: filters and truncation take their share).
                var totals = state.Totals;
                var perCall = totals.Usage.Calls > 0
                    ? Math.Max(1.0, (double)totals.Records / totals.Usage.Calls)
                    : LanguageProfile.For(options.Language).AlpacaBatchSize / 2.0;
                var slots = (int)Math.Clamp(Math.Ceiling(Remaining(state) / perCall), 1, ConcurrencyPlan.Current(state));
                var calls = await Task.WhenAll(Enumerable.Range(0, slots).Select(slot => CallOrRecordAsync(
                    context, ActivityCalls.GenerateAlpacaTasks, new GenerateTasksInput(request, round, slot),
                    PipelineStages.TaskGeneration, About($"round {round} prompt {slot}"), round, log)));
                return ([.. calls.OfType<GeneratedCandidates>()], 0);
            }

            case PipelineModes.Translate or PipelineModes.QaRewrite:
            {
                var (activity, stage) = options.Mode == PipelineModes.Translate
                    ? (ActivityCalls.TranslateRecords, PipelineStages.Translation)
                    : (ActivityCalls.RewriteQuestions, PipelineStages.QaRewrite);
                var batches = SourceBatches(state);
                var calls = await Task.WhenAll(batches.Select(b => CallOrRecordAsync(
                    context, activity, new SourceBatchInput(request, round, b.Start, b.Count), stage,
                    Enumerable.Range(b.Start + 1, b.Count).Select(n => ($"source record {n}", (string?)null)), round, log)));
                return ([.. calls.OfType<GeneratedCandidates>()], batches.Sum(b => b.Count));
            }

            default:
            {
                var calls = await Task.WhenAll(Enumerable.Range(0, InstructionPrompts(state)).Select(slot => CallOrRecordAsync(
                    context, ActivityCalls.GenerateInstructions, new GenerateInstructionsInput(request, round, slot, state.Totals.InstructionsKept),
                    PipelineStages.InstructionGeneration, About($"round {round} prompt {slot}"), round, log)));
                return ([.. calls.OfType<GeneratedCandidates>()], 0);
            }
        }
    }

    /// <summary>
    /// Outputs for the accepted instructions and the instance filters: Self-Instruct generates instances per
    /// instruction, translate answers in batches; Alpaca and qa-rewrite candidates carry their output already.
    /// Returns the tasks and the cost of batch calls (a task's own cost is in the task).
    /// </summary>
    private static async Task<(List<GeneratedTask> Tasks, LlmUsage Usage)> CompleteAsync(
        TaskOrchestrationContext context, RunState state, IReadOnlyList<AcceptedInstruction> accepted,
        List<CandidateTask> candidates, RoundLog log)
    {
        var request = state.Request;
        var options = request.Options;
        var round = state.Round;
        switch (options.Mode)
        {
            case PipelineModes.SelfInstruct:
            {
                var tasks = await WhenAllBoundedAsync(accepted, ConcurrencyPlan.Current(state), instruction => CallOrRecordAsync(
                    context, ActivityCalls.GenerateInstances, new GenerateInstancesInput(request, round, instruction),
                    PipelineStages.InstanceGeneration, About(instruction.Instruction), round, log));
                return ([.. tasks.OfType<GeneratedTask>()], LlmUsage.None);
            }

            case PipelineModes.Translate:
            {
                var batches = accepted
                    .Select(instruction => new PendingTask(instruction, candidates[instruction.Candidate]))
                    .Chunk(LanguageProfile.For(options.Language).AlpacaBatchSize)
                    .ToList();
                var answered = (await WhenAllBoundedAsync(batches, ConcurrencyPlan.Current(state), batch => CallOrRecordAsync(
                    context, ActivityCalls.AnswerInstructions, new AnswerInstructionsInput(request, round, batch),
                    PipelineStages.Answer, batch.Select(p => (p.Instruction.Instruction, p.Candidate.SourceId)), round, log)))
                    .OfType<CompletedTasks>()
                    .ToList();
                log.Rejected.AddRange(answered.SelectMany(a => a.Rejected));
                return ([.. answered.SelectMany(a => a.Tasks)], answered.Aggregate(LlmUsage.None, (sum, a) => sum + a.Usage));
            }

            default:
                return ([.. accepted.Select(instruction => RoundTasks.Complete(
                    instruction, candidates[instruction.Candidate], candidates[instruction.Candidate].Output ?? string.Empty, round))], LlmUsage.None);
        }
    }

    // ---- Judging stage: one call site above; the activity and RoundJudging hold the rest. ----

    /// <summary>
    /// The judging stage over the round's kept instances, a <see cref="ActivityCalls.JudgeRecords"/> call per batch.
    /// A batch whose call fails through every retry keeps its records unscored, with the failure: judging never loses a
    /// record nor fails a run. Returns the tasks as judged, the counts and the cost; rejections go to the round's log.
    /// </summary>
    private static async Task<(List<GeneratedTask> Tasks, (JudgeTally Tally, LlmUsage Usage) Judged)> JudgeAsync(
        TaskOrchestrationContext context, RunState state, List<GeneratedTask> tasks, RoundLog log)
    {
        var request = state.Request;
        if (!JudgeModes.Judges(request.Options.Judge) || tasks.Count == 0)
        {
            return (tasks, (JudgeTally.None, LlmUsage.None));
        }

        context.SetCustomStatus(RunProgress.From(state, "judging"));
        var judged = await WhenAllBoundedAsync(RoundJudging.Batches(tasks), ConcurrencyPlan.Current(state), async batch =>
        {
            log.Calls++;
            try
            {
                return await context.CallAsync(ActivityCalls.JudgeRecords, new JudgeRecordsInput(request, state.Round, batch), Retry);
            }
            catch (TaskFailedException e)
            {
                log.FailedCalls++;
                log.LastFailure = e.FailureDetails.ErrorMessage;
                return RoundJudging.Unjudged(batch, PipelineReasons.ActivityFailed, e.FailureDetails.ErrorMessage);
            }
        });
        var (judgedTasks, rejected, tally) = RoundJudging.Apply(tasks, judged, state.Round);
        log.Rejected.AddRange(rejected);
        return (judgedTasks, (tally, judged.Aggregate(LlmUsage.None, (sum, j) => sum + j.Usage)));
    }

    /// <summary>
    /// The input records a walking round takes, from the cursor on, in batches of the language's batch size
    /// (10 per call in Korean): no more than one batch per concurrency slot, nor than the records the target still needs.
    /// </summary>
    private static List<(int Start, int Count)> SourceBatches(RunState state)
    {
        var options = state.Request.Options;
        var batch = LanguageProfile.For(options.Language).AlpacaBatchSize;
        var take = Math.Min(state.SeedTasks - state.SourceCursor, Math.Min(ConcurrencyPlan.Current(state) * batch, Remaining(state)));
        var batches = new List<(int Start, int Count)>();
        for (var offset = 0; offset < take; offset += batch)
        {
            batches.Add((state.SourceCursor + offset, Math.Min(batch, take - offset)));
        }

        return batches;
    }

    /// <summary>
    /// Instruction prompts for a self-instruct round: one per call in flight, but no more than the target still needs at
    /// the records per prompt seen so far, so a run that has grown its concurrency does not overshoot at its end.
    /// </summary>
    private static int InstructionPrompts(RunState state)
    {
        var inFlight = ConcurrencyPlan.Current(state);
        var prompts = state.Totals.Usage.Stages.TryGetValue(PipelineStages.InstructionGeneration, out var generation) ? generation.Calls : 0;
        if (prompts == 0 || state.Totals.Records == 0)
        {
            return inFlight;
        }

        var perPrompt = (double)state.Totals.Records / prompts;
        return (int)Math.Clamp(Math.Ceiling(Remaining(state) / perPrompt), 1, inFlight);
    }

    private static int Remaining(RunState state) => Math.Max(1, state.Request.Options.TargetCount - state.Totals.Records);

    /// <summary>
    /// Runs <paramref name="start"/> for every item with at most <paramref name="limit"/> in flight, starting the
    /// next as soon as one finishes; results keep the items' order. Task.WhenAny is replay-safe in orchestrators.
    /// </summary>
    private static async Task<TResult[]> WhenAllBoundedAsync<TItem, TResult>(
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
    /// Calls an activity with retries; when it still fails (the LLM stayed unavailable), records why for each
    /// candidate (and its input record, when known) the call was about, and lets the run go on without that piece.
    /// A failed batch of input records is named by position: the orchestrator does not hold their ids.
    /// </summary>
    private static async Task<TOutput?> CallOrRecordAsync<TInput, TOutput>(
        TaskOrchestrationContext context, ActivityCall<TInput, TOutput> activity, TInput input, string stage,
        IEnumerable<(string Candidate, string? SourceId)> about, int round, RoundLog log)
        where TOutput : class
    {
        log.Calls++;
        try
        {
            return await context.CallAsync(activity, input, Retry);
        }
        catch (TaskFailedException e)
        {
            var refused = e.FailureDetails.IsCausedBy<LlmRefusedException>();
            var reason = refused ? PipelineReasons.LlmRefused : PipelineReasons.ActivityFailed;
            log.Rejected.AddRange(about.Select(a =>
                new RejectedRecord(a.Candidate, stage, reason, e.FailureDetails.ErrorMessage, round) { SourceId = a.SourceId }));
            log.FailedCalls++;
            log.LastFailure = e.FailureDetails.ErrorMessage;
            if (refused)
            {
                log.Refusal ??= e.FailureDetails.ErrorMessage;
            }

            return null;
        }
    }

    /// <summary>A round's rejections, and how its LLM activities fared.</summary>
    private sealed class RoundLog
    {
        public List<RejectedRecord> Rejected { get; } = [];

        public int Calls { get; set; }

        public int FailedCalls { get; set; }

        public string? LastFailure { get; set; }

        /// <summary>The first refusal: the LLM will refuse the same request again.</summary>
        public string? Refusal { get; set; }
    }

    private static IEnumerable<(string Candidate, string? SourceId)> About(string candidate) => [(candidate, null)];

    /// <summary>
    /// Where a restart begins after a round that was written: the next round (the written blocks of data.jsonl and
    /// rejected.jsonl are final), with the source batches of a round the LLM failed on taken again. Before that point
    /// the restart repeats what did not finish: loading the seeds, or a round that was not written.
    /// </summary>
    private static RunState ResumeAfter(RunState before, RunState after, string? failure) => after with
    {
        Round = after.Round + 1,
        RoundsWithoutLlm = 0,
        RoundsWithoutRecords = 0,
        SourceCursor = failure is not null ? before.SourceCursor : after.SourceCursor,
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
