using System.Text.Json;
using Microsoft.DurableTask;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// One round of a run as an overlapped pipeline: generation calls, the instruction filter, the calls that write
/// outputs, the judge's calls and the writes all run at once, so no stage idles the quota while another waits. Generation results are
/// filtered in the order their calls started, a batch at a time (a <em>step</em>: one filter call, one write), so the
/// greedy near-duplicate decisions stay sequential and exact and steps are written in order. Each step is written as
/// soon as its outputs are in. The round starts new generation calls until it has started
/// <see cref="PipelinePlan.CallsPerRound"/> LLM calls or the target needs no more, then drains.
/// </summary>
/// <remarks>
/// In a batch run (<see cref="RunOptions.Batch"/>) the same pipeline runs with every LLM call going through
/// <see cref="ActivityCalls.CallThroughBatch"/>: a call without an answer waits, and once every call in flight waits
/// (and no filter is running that could add more), they go out as one batch job, waited for with durable timers.
/// Deterministic under replay: every decision depends on which tasks completed, which Durable Task replays in
/// history order, and Task.WhenAny over activities is replay-safe.
/// </remarks>
internal sealed class RoundPipeline
{
    private readonly TaskOrchestrationContext _context;
    private readonly RunState _start;
    private readonly RunRequest _request;
    private readonly RunOptions _options;
    private readonly TaskOptions _retry;
    private readonly Task _cancel;

    private readonly Dictionary<Task, Action> _running = [];
    private readonly Queue<GenerationCall> _generations = new();
    private readonly Queue<Step> _steps = new();
    private readonly Queue<(Step Step, Func<Task> Start)> _completions = new();
    private readonly Queue<(Step Step, Func<Task> Start)> _judging = new();

    private RunState _written;
    private PipelinePlan.Yield _yield;
    private int _concurrency;
    private int _nextStep;
    private int _sourceCursor;
    private int _instructionsAccepted;
    private int _generationCallsStarted;
    private int _callsStarted;
    private int _llmInFlight;
    private int _records;
    private bool _filtering;
    private bool _writing;

    // A batch run's calls waiting for the next batch job, released together when it is back.
    private readonly bool _batch;
    private int _awaitingBatch;
    private bool _batchRunning;
    private int _batchFailures;
    private TaskCompletionSource _batchReleased = new();

    // Completed when a call starts waiting for a batch: that completes none of the tasks the round waits on.
    private TaskCompletionSource _callWaits = new();

    /// <summary>What the round's answered calls cost, known before their steps are written.</summary>
    private decimal _spent;
    private LlmUsage _sincePlan = LlmUsage.None;

    private RoundPipeline(TaskOrchestrationContext context, RunState state, TaskOptions retry, Task cancel)
    {
        _context = context;
        _start = state;
        _request = state.Request;
        _options = state.Request.Options;
        _retry = retry;
        _cancel = cancel;
        _written = state;
        _yield = state.Yield;
        _batch = _options.Batch;
        _concurrency = _batch ? PipelinePlan.MaxBatchCalls : ConcurrencyPlan.Current(state);
        _nextStep = Math.Max(state.Step, state.Round);
        _sourceCursor = state.SourceCursor;
        _instructionsAccepted = state.Totals.InstructionsKept;
        _records = state.Totals.Records;
    }

    /// <summary>LLM calls of the round, and how they fared.</summary>
    public int Calls { get; private set; }

    public int FailedCalls { get; private set; }

    public string? LastFailure { get; private set; }

    /// <summary>The first refusal: the LLM will refuse the same request again.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Why a batch run cannot go on: its batch jobs failed as a whole through every attempt.</summary>
    public string? BatchFailure { get; private set; }

    /// <summary>
    /// Runs the round. Returns the state after its last written step: with every step written when the round ended
    /// normally, or where a restart begins when a filter or write failed for good (the exception is rethrown after
    /// <paramref name="written"/> is set).
    /// </summary>
    public static async Task<RoundPipeline> RunAsync(
        TaskOrchestrationContext context, RunState state, TaskOptions retry, Task cancel, Action<RunState> written)
    {
        var pipeline = new RoundPipeline(context, state, retry, cancel);
        try
        {
            await pipeline.RunAsync();
        }
        finally
        {
            written(pipeline._written);
        }

        return pipeline;
    }

    /// <summary>The state after the round's last written step.</summary>
    public RunState Written => _written;

    /// <summary>
    /// The records written and those in hand (completed, not yet written) reach the target. In hand counts instances
    /// before the judge, so a judged run may find a few short and carry on in the next round.
    /// </summary>
    private bool TargetReached => _records + _steps.Sum(s => s.Instances) >= _options.TargetCount;

    /// <summary>
    /// No new LLM call at all: the target is reached, the run was cancelled, or the calls answered so far (written or
    /// not) spent the budget. Calls in flight finish and are accounted for; queued ones are not sent.
    /// </summary>
    private bool Stopping =>
        TargetReached
        || _cancel.IsCompleted
        || (_options.BudgetUsd is { } budget && _start.Totals.Usage.CostUsd + _spent >= (decimal)budget);

    /// <summary>
    /// No new generation call: the run is stopping, the round has started its length of calls, or every call of a
    /// first wave failed (the LLM is away or refuses; the orchestrator decides whether the run goes on).
    /// </summary>
    private bool Draining =>
        Stopping
        || _callsStarted >= PipelinePlan.CallsPerRound(_concurrency)
        || (FailedCalls == Calls && Calls >= Math.Min(_concurrency, ConcurrencyPlan.Initial));

    private async Task RunAsync()
    {
        while (true)
        {
            StartWork();
            if (_running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(_running.Keys.Append(_callWaits.Task));
            if (done == _callWaits.Task)
            {
                _callWaits = new TaskCompletionSource();
                continue;
            }

            var then = _running[done];
            _running.Remove(done);

            // Observes a failure of the filter or a write, which ends the round and the run.
            await done;
            then();
        }
    }

    /// <summary>Starts whatever can start: the next filter, the next write, and LLM calls up to the calls in flight.</summary>
    private void StartWork()
    {
        if (!_filtering)
        {
            StartFilter();
        }

        if (JudgeModes.Judges(_options.Judge))
        {
            foreach (var step in _steps.Where(s => s.ReadyToJudge))
            {
                StartJudging(step);
            }
        }

        // A step leaves the queue once written, so its input records count as outstanding until they are records.
        if (!_writing && _steps.TryPeek(out var head) && head.Complete)
        {
            _writing = true;
            Track(WriteAsync(head), () =>
            {
                _steps.Dequeue();
                _writing = false;
            });
        }

        // A batch run plans a wave of generation calls only once the last wave is all in: the yield it plans with would
        // otherwise come from the first few answers of a batch, which arrive together but are counted one by one.
        var generationOpen = !_batch || (_llmInFlight == 0 && !_filtering && _completions.Count == 0 && _judging.Count == 0);
        while (_llmInFlight < _concurrency)
        {
            // Judging finishes steps already paid for, so it goes first and is not cut by a cancel or the budget.
            if (_judging.TryDequeue(out var judge))
            {
                StartLlm(judge.Start(), () => { });
            }
            else if (!Stopping && _completions.TryDequeue(out var completion))
            {
                StartLlm(completion.Start(), () => completion.Step.PendingCompletions--);
            }
            else if (generationOpen && WantsGeneration())
            {
                StartGeneration();
            }
            else
            {
                break;
            }
        }

        // Outputs the run no longer needs or may no longer pay for are not asked for.
        if (Stopping)
        {
            while (_completions.TryDequeue(out var dropped))
            {
                dropped.Step.PendingCompletions--;
            }
        }

        SubmitBatchWhenAllWait();
    }

    private bool WantsGeneration()
    {
        if (Draining)
        {
            return false;
        }

        if (PipelineModes.WalksSource(_options.Mode))
        {
            return SourceBatchSize() > 0;
        }

        var outstanding = _generations.Count + _steps.Sum(s => s.Calls.Count);
        return PipelinePlan.WantsAnotherCall(
            _options.TargetCount, _records, outstanding, _generationCallsStarted, _yield, PipelinePlan.AssumedRecordsPerPrompt,
            _batch ? PipelinePlan.BatchPilotCalls : _concurrency, _batch ? PipelinePlan.BatchEndMargin : PipelinePlan.EndMargin);
    }

    /// <summary>
    /// Input records the next call of a walking mode takes: a batch of the language's size, but never more than the
    /// target could still need if every record taken and not yet written became one. Such a mode then never takes an
    /// input record it will not account for, so what it took is always a prefix of the input.
    /// </summary>
    private int SourceBatchSize()
    {
        var outstanding = _generations.Sum(c => c.SourceCount) + _steps.Sum(s => s.SourceCount);
        return PipelinePlan.SourceBatch(
            LanguageProfile.For(_options.Language).AlpacaBatchSize, _start.SeedTasks - _sourceCursor, _options.TargetCount - _records - outstanding);
    }

    private void Track(Task task, Action then) => _running.Add(task, then);

    private void StartLlm(Task task, Action then)
    {
        _llmInFlight++;
        _callsStarted++;
        Track(task, () =>
        {
            _llmInFlight--;
            then();
        });
    }

    private void StartGeneration()
    {
        var slot = _generationCallsStarted++;
        var round = _start.Round;
        var call = new GenerationCall();
        Task<GeneratedCandidates?> task;
        switch (_options.Mode)
        {
            case PipelineMode.SelfInstruct:
                task = CallOrRecordAsync(
                    ActivityCalls.GenerateInstructions, new GenerateInstructionsInput(_request, round, slot, _instructionsAccepted),
                    PipelineStages.InstructionGeneration, About($"round {round} prompt {slot}"), call.Rejected);
                break;

            case PipelineMode.Alpaca:
                task = CallOrRecordAsync(
                    ActivityCalls.GenerateAlpacaTasks, new GenerateTasksInput(_request, round, slot),
                    PipelineStages.TaskGeneration, About($"round {round} prompt {slot}"), call.Rejected);
                break;

            case PipelineMode.Translate or PipelineMode.QaRewrite or PipelineMode.Mrc:
            {
                var (activity, stage) = _options.Mode switch
                {
                    PipelineMode.Translate => (ActivityCalls.TranslateRecords, PipelineStages.Translation),
                    PipelineMode.QaRewrite => (ActivityCalls.RewriteQuestions, PipelineStages.QaRewrite),
                    PipelineMode.Mrc => (ActivityCalls.BuildMrcTasks, PipelineStages.MrcAnswer),
                    _ => throw UnknownMode(),
                };
                var start = _sourceCursor;
                var count = SourceBatchSize();
                _sourceCursor += count;
                call.SourceCount = count;
                task = CallOrRecordAsync(
                    activity, new SourceBatchInput(_request, round, start, count), stage,
                    Enumerable.Range(start + 1, count).Select(n => ($"source record {n}", (string?)null)), call.Rejected);
                break;
            }

            default:
                throw UnknownMode();
        }

        call.SourceEnd = _sourceCursor;
        _generations.Enqueue(call);
        StartLlm(task, () =>
        {
            call.Result = task.Result ?? GeneratedCandidates.Empty;
            Answered(call.Result.Usage);
        });
    }

    /// <summary>
    /// Filters the generation calls that have answered, in the order they started (so the steps written cover the
    /// input in order, and a restart knows where to resume), as one step.
    /// </summary>
    private void StartFilter()
    {
        var calls = new List<GenerationCall>();
        while (_generations.TryPeek(out var call) && call.Result is not null)
        {
            calls.Add(_generations.Dequeue());
        }

        if (calls.Count == 0)
        {
            return;
        }

        var step = new Step(_nextStep++, calls, calls[^1].SourceEnd) { NeedsJudging = JudgeModes.Judges(_options.Judge) };
        foreach (var call in calls)
        {
            step.Rejected.AddRange(call.Rejected);
            step.Rejected.AddRange(call.Result!.Problems);
            step.Usage += call.Result.Usage;
            step.Candidates.AddRange(call.Result.Candidates);
        }

        _steps.Enqueue(step);
        if (step.Candidates.Count == 0)
        {
            Accept(step, new FilteredInstructions([], []));
            return;
        }

        _filtering = true;
        var filter = _context.CallAsync(
            ActivityCalls.FilterInstructions,
            new FilterInstructionsInput(
                _request,
                step.Number,
                step.Candidates.ConvertAll(c => c.Instruction),
                PipelineModes.WalksSource(_options.Mode) ? step.Candidates.ConvertAll(c => c.SourceId) : null),
            _retry);
        Track(filter, () =>
        {
            _filtering = false;
            Accept(step, filter.Result);
        });
    }

    /// <summary>The filter's decisions for a step, and the work its accepted instructions still need.</summary>
    private void Accept(Step step, FilteredInstructions filtered)
    {
        step.Filtered = true;
        step.Accepted.AddRange(filtered.Accepted);
        step.Rejected.AddRange(filtered.Rejected);
        _instructionsAccepted += filtered.Accepted.Count;
        _yield = _yield.Filtered(step.Calls.Count(c => c.Rejected.Count == 0), filtered.Accepted.Count);
        var round = _start.Round;
        switch (_options.Mode)
        {
            case PipelineMode.SelfInstruct:
                foreach (var instruction in filtered.Accepted)
                {
                    // The provenance stays here: sent to the activity and echoed back it would be in history twice more.
                    var bare = instruction with { MostSimilar = [] };
                    Complete(step, () => CallOrRecordAsync(
                        ActivityCalls.GenerateInstances, new GenerateInstancesInput(_request, round, bare),
                        PipelineStages.InstanceGeneration, About(instruction.Instruction), step.Rejected), task =>
                        {
                            if (task is not null)
                            {
                                step.AddTasks([task with { Instruction = instruction }]);
                                Answered(task.Usage);
                            }

                            _yield = _yield.Completed(1, task?.Instances.Count ?? 0);
                        });
                }

                break;

            case PipelineMode.Translate:
                foreach (var batch in filtered.Accepted
                    .Select(instruction => new PendingTask(instruction, step.Candidates[instruction.Candidate]))
                    .Chunk(LanguageProfile.For(_options.Language).AlpacaBatchSize))
                {
                    Complete(step, () => CallOrRecordAsync(
                        ActivityCalls.AnswerInstructions, new AnswerInstructionsInput(_request, round, batch),
                        PipelineStages.Answer, batch.Select(p => (p.Instruction.Instruction, p.Candidate.SourceId)), step.Rejected), answered =>
                        {
                            if (answered is not null)
                            {
                                step.AddTasks(answered.Tasks);
                                step.Rejected.AddRange(answered.Rejected);
                                step.Usage += answered.Usage;
                                Answered(answered.Tasks.Aggregate(answered.Usage, (sum, t) => sum + t.Usage));
                            }

                            _yield = _yield.Completed(batch.Length, answered?.Tasks.Sum(t => t.Instances.Count) ?? 0);
                        });
                }

                break;

            case PipelineMode.Alpaca or PipelineMode.QaRewrite or PipelineMode.Mrc:
                var completed = filtered.Accepted.Select(instruction => RoundTasks.Complete(
                    instruction, step.Candidates[instruction.Candidate], step.Candidates[instruction.Candidate].Output ?? string.Empty, round)).ToList();
                step.AddTasks(completed);
                _yield = _yield.Completed(completed.Count, completed.Sum(t => t.Instances.Count));
                break;

            default:
                throw UnknownMode();
        }
    }

    private ArgumentOutOfRangeException UnknownMode() => new(nameof(_options.Mode), _options.Mode, "No pipeline mode.");

    /// <summary>
    /// Counts an answered call's cost against the budget at once, and sizes the calls in flight again after every
    /// half flight of answers, so a round does not wait for its first write to follow the quota.
    /// </summary>
    private void Answered(LlmUsage usage)
    {
        _spent += usage.CostUsd;
        _sincePlan += usage;
        if (!_batch && _sincePlan.Calls >= Math.Max(ConcurrencyPlan.Initial, _concurrency / 2))
        {
            _concurrency = ConcurrencyPlan.Next(_concurrency, _options.MaxConcurrency, _options.QuotaTokensPerMinute, _sincePlan);
            _sincePlan = LlmUsage.None;
        }
    }

    /// <summary>
    /// The judging stage for a step whose outputs are all in: a <see cref="ActivityCalls.JudgeRecords"/> call per batch
    /// of its kept records, queued ahead of other calls. A batch whose call fails through every retry keeps its records
    /// unscored, with the failure: judging never loses a record nor fails a run. Records beyond the target are judged
    /// too, so every kept instance has a verdict and the manifest adds up; few are left by then, because no instance
    /// call starts once the target is reached.
    /// </summary>
    private void StartJudging(Step step)
    {
        step.JudgeStarted = true;
        step.ReplaceTasks(step.Tasks.OrderBy(t => t.Instruction.Candidate).ToList());
        step.KeptBeforeJudging = step.Instances;
        var batches = RoundJudging.Batches(step.Tasks);
        if (batches.Count == 0)
        {
            step.Judged = true;
            return;
        }

        var verdicts = new List<JudgedRecords>();
        foreach (var batch in batches)
        {
            _judging.Enqueue((step, async () =>
            {
                verdicts.Add(await JudgeOrKeepAsync(batch));
                Answered(verdicts[^1].Usage);
                if (verdicts.Count == batches.Count)
                {
                    var (tasks, rejected, tally) = RoundJudging.Apply(step.Tasks, verdicts, _start.Round);
                    step.ReplaceTasks(tasks);
                    step.Rejected.AddRange(rejected);
                    step.Usage += verdicts.Aggregate(LlmUsage.None, (sum, v) => sum + v.Usage);
                    step.Judge = tally;
                    step.Judged = true;
                }
            }));
        }
    }

    private async Task<JudgedRecords> JudgeOrKeepAsync(IReadOnlyList<JudgeSubject> batch)
    {
        Calls++;
        try
        {
            var input = new JudgeRecordsInput(_request, _start.Round, batch);
            if (!_batch)
            {
                return await _context.CallAsync(ActivityCalls.JudgeRecords, input, _retry);
            }

            var answer = await CallThroughBatchAsync(ActivityCalls.JudgeRecords, input);
            if (answer.Output is null)
            {
                FailedCalls += answer.Reason == BatchReasons.LineFailed ? 1 : 0;
                return RoundJudging.Unjudged(batch, answer.Reason!, answer.Detail ?? answer.Reason!);
            }

            return answer.Output;
        }
        catch (TaskFailedException e)
        {
            FailedCalls++;
            LastFailure = e.FailureDetails.ErrorMessage;
            return RoundJudging.Unjudged(batch, PipelineReasons.ActivityFailed, e.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>Queues an LLM call that writes outputs for <paramref name="step"/>; <paramref name="then"/> takes its answer.</summary>
    private void Complete<T>(Step step, Func<Task<T?>> call, Action<T?> then)
        where T : class
    {
        step.PendingCompletions++;
        _completions.Enqueue((step, async () => then(await call())));
    }

    /// <summary>Writes a step: its records up to the target, and all its rejections, as one idempotent block.</summary>
    private async Task WriteAsync(Step step)
    {
        var tasks = step.Tasks.OrderBy(t => t.Instruction.Candidate).ToList();
        var totals = _written.Totals;
        var records = RoundRecords.Build(_request, _start.Round, tasks, _options.TargetCount - totals.Records);
        var kept = step.KeptBeforeJudging ?? tasks.Sum(t => t.Instances.Count);
        var judged = tasks.Sum(t => t.Instances.Count);
        var rejected = step.Rejected.Concat(tasks.SelectMany(t => t.Rejected)).ToList();
        var usage = tasks.Aggregate(step.Usage, (sum, t) => sum + t.Usage);
        await _context.CallAsync(ActivityCalls.WriteRound, new WriteRoundInput(_request, step.Number, records, rejected), _retry);

        _records = totals.Records + records.Count;

        _written = _written with
        {
            Step = step.Number + 1,
            SourceCursor = step.SourceEnd,
            Concurrency = _concurrency,
            Yield = _yield,
            Totals = totals.WithRejections(rejected) with
            {
                Records = _records,
                InstructionsGenerated = totals.InstructionsGenerated + step.Candidates.Count,
                InstructionsKept = totals.InstructionsKept + step.Accepted.Count,
                InstancesGenerated = totals.InstancesGenerated + tasks.Sum(t => t.InstancesGenerated),
                InstancesKept = totals.InstancesKept + kept,
                InstancesOverTarget = totals.InstancesOverTarget + judged - records.Count,
                Judge = totals.Judge + step.Judge,
                Usage = totals.Usage + usage,
            },
        };
        _context.SetCustomStatus(RunProgress.From(_written, "running"));
    }

    /// <summary>
    /// Calls an activity with retries; when it still fails (the LLM stayed unavailable), records why in
    /// <paramref name="rejected"/> for each candidate (and its input record, when known) the call was about, and lets
    /// the run go on without that piece. A failed batch of input records is named by position.
    /// </summary>
    private async Task<TOutput?> CallOrRecordAsync<TInput, TOutput>(
        ActivityCall<TInput, TOutput> activity, TInput input, string stage,
        IEnumerable<(string Candidate, string? SourceId)> about, List<RejectedRecord> rejected)
        where TOutput : class
    {
        Calls++;
        try
        {
            if (!_batch)
            {
                return await _context.CallAsync(activity, input, _retry);
            }

            var answer = await CallThroughBatchAsync(activity, input);
            if (answer.Output is null)
            {
                rejected.AddRange(about.Select(a =>
                    new RejectedRecord(a.Candidate, stage, answer.Reason!, answer.Detail, _start.Round) { SourceId = a.SourceId }));
                FailedCalls += answer.Reason == BatchReasons.LineFailed ? 1 : 0;
                LastFailure = answer.Detail;
            }

            return answer.Output;
        }
        catch (TaskFailedException e)
        {
            var refused = e.FailureDetails.IsCausedBy<LlmRefusedException>();
            var reason = refused ? PipelineReasons.LlmRefused : PipelineReasons.ActivityFailed;
            rejected.AddRange(about.Select(a =>
                new RejectedRecord(a.Candidate, stage, reason, e.FailureDetails.ErrorMessage, _start.Round) { SourceId = a.SourceId }));
            FailedCalls++;
            LastFailure = e.FailureDetails.ErrorMessage;
            if (refused)
            {
                Refusal ??= e.FailureDetails.ErrorMessage;
            }

            return null;
        }
    }

    private static IEnumerable<(string Candidate, string? SourceId)> About(string candidate) => [(candidate, null)];

    /// <summary>
    /// A batch run's LLM call: the activity runs against the batch answers; while a call of it has none, it waits for
    /// the next batch job and runs again (an activity with two calls in a row takes two jobs). A call the run stopped
    /// waiting for, or whose line kept failing, comes back with the reason instead of an output.
    /// </summary>
    private async Task<(TOutput? Output, string? Reason, string? Detail)> CallThroughBatchAsync<TInput, TOutput>(ActivityCall<TInput, TOutput> activity, TInput input)
        where TOutput : class
    {
        var serialized = JsonSerializer.Serialize(input, BatchJson.Options);
        while (true)
        {
            var mayWait = !_cancel.IsCompleted && BatchFailure is null;
            var result = await _context.CallAsync(ActivityCalls.CallThroughBatch, new BatchedCallInput(activity.Name, _request.RunId, serialized, mayWait), _retry);
            if (result.Output is { } output)
            {
                return (JsonSerializer.Deserialize<TOutput>(output, BatchJson.Options), null, null);
            }

            if (!result.Pending)
            {
                return (null, result.Reason, result.Detail);
            }

            _awaitingBatch++;
            _callWaits.TrySetResult();
            await _batchReleased.Task;
        }
    }

    /// <summary>
    /// Sends the waiting calls as one batch job once every LLM call in flight waits and no filter runs (a filter's
    /// accepted instructions would add calls to the same job).
    /// </summary>
    private void SubmitBatchWhenAllWait()
    {
        if (_batch && !_batchRunning && _awaitingBatch > 0 && _awaitingBatch == _llmInFlight && !_filtering)
        {
            _batchRunning = true;
            Track(RunBatchAsync(), () => _batchRunning = false);
        }
    }

    /// <summary>
    /// One batch job: submitted (or adopted, when a submission ran twice), waited for with durable timers that back off
    /// from <see cref="RunOptions.BatchPoll"/>, cancelled when the run is, and read into the run's call book. Then the
    /// waiting calls run again. A job that fails as a whole is sent again, until <see cref="PipelinePlan.MaxBatchFailures"/>.
    /// </summary>
    private async Task RunBatchAsync()
    {
        BatchJob? job = null;
        if (!_cancel.IsCompleted)
        {
            job = await _context.CallAsync(ActivityCalls.SubmitBatch, new SubmitBatchInput(_request, _context.NewGuid().ToString("N")), _retry);
        }

        if (job is not null)
        {
            job = await WaitForBatchAsync(job);
            var collected = await _context.CallAsync(ActivityCalls.CollectBatch, new BatchJobInput(_request, job.Id), _retry);
            _written = _written with { Totals = _written.Totals with { Batches = _written.Totals.Batches.Collected(job, collected) } };
            if (job.Status == BatchStatus.Failed && ++_batchFailures >= PipelinePlan.MaxBatchFailures)
            {
                BatchFailure = $"batch job {job.Id} failed as a whole {_batchFailures} times: {string.Join("; ", job.Errors.DefaultIfEmpty("the service gave no reason"))}";
            }
        }

        _context.SetCustomStatus(RunProgress.From(_written, "running"));
        var released = _batchReleased;
        _batchReleased = new TaskCompletionSource();
        _awaitingBatch = 0;
        released.SetResult();
    }

    private async Task<BatchJob> WaitForBatchAsync(BatchJob job)
    {
        var wait = _options.BatchPoll;
        var cancelSent = false;
        while (!job.IsFinished)
        {
            _context.SetCustomStatus(RunProgress.From(_written, "waiting-for-batch") with { Batch = BatchProgress.Of(job) });
            using var stopTimer = new CancellationTokenSource();
            var timer = _context.CreateTimer(wait, stopTimer.Token);
            if (!cancelSent && await Task.WhenAny(timer, _cancel) == _cancel)
            {
                // Not CancelAsync: that runs the timer's callback on the thread pool, off the orchestration's thread.
#pragma warning disable CA1849
                stopTimer.Cancel();
#pragma warning restore CA1849
                cancelSent = true;
                job = await _context.CallAsync(ActivityCalls.CancelBatch, new BatchJobInput(_request, job.Id), _retry);
                continue;
            }

            await timer;
            job = await _context.CallAsync(ActivityCalls.CheckBatch, new BatchJobInput(_request, job.Id), _retry);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, RunOptions.MaxBatchPoll.Ticks));
        }

        _context.SetCustomStatus(RunProgress.From(_written, "reading-batch") with { Batch = BatchProgress.Of(job) });
        return job;
    }

    /// <summary>A generation call in flight or answered; <see cref="Result"/> is set when it answered (or failed, empty).</summary>
    private sealed class GenerationCall
    {
        public GeneratedCandidates? Result { get; set; }

        /// <summary>Why the call produced nothing, when it failed.</summary>
        public List<RejectedRecord> Rejected { get; } = [];

        /// <summary>The source cursor after the input records this call took.</summary>
        public int SourceEnd { get; set; }

        /// <summary>Input records this call took, in the modes that walk through their input.</summary>
        public int SourceCount { get; set; }
    }

    /// <summary>Generation calls filtered together, and everything that follows from them until they are written.</summary>
    private sealed class Step(int number, IReadOnlyList<GenerationCall> calls, int sourceEnd)
    {
        public int Number { get; } = number;

        public IReadOnlyList<GenerationCall> Calls { get; } = calls;

        public int SourceEnd { get; } = sourceEnd;

        public List<CandidateTask> Candidates { get; } = [];

        public List<AcceptedInstruction> Accepted { get; } = [];

        private readonly List<GeneratedTask> _tasks = [];

        /// <summary>Input records the step's calls took, in the modes that walk through their input.</summary>
        public int SourceCount { get; } = calls.Sum(c => c.SourceCount);

        public IReadOnlyList<GeneratedTask> Tasks => _tasks;

        /// <summary>The instances of <see cref="Tasks"/>: records in hand once written, kept as they change because every slot filled asks for it.</summary>
        public int Instances { get; private set; }

        public List<RejectedRecord> Rejected { get; } = [];

        public LlmUsage Usage { get; set; } = LlmUsage.None;

        public bool Filtered { get; set; }

        public int PendingCompletions { get; set; }

        /// <summary>The judging stage's counts for the step; none when it was not judged.</summary>
        public JudgeTally Judge { get; set; } = JudgeTally.None;

        public bool JudgeStarted { get; set; }

        public bool Judged { get; set; }

        /// <summary>Instances the instance filters kept, before the judge rejected some; null while not judged.</summary>
        public int? KeptBeforeJudging { get; set; }

        public bool ReadyToJudge => Filtered && PendingCompletions == 0 && !JudgeStarted;

        public void AddTasks(IEnumerable<GeneratedTask> tasks)
        {
            foreach (var task in tasks)
            {
                _tasks.Add(task);
                Instances += task.Instances.Count;
            }
        }

        public void ReplaceTasks(IReadOnlyList<GeneratedTask> tasks)
        {
            _tasks.Clear();
            Instances = 0;
            AddTasks(tasks);
        }

        public bool Complete => Filtered && PendingCompletions == 0 && (Judged || !NeedsJudging);

        /// <summary>Set for the steps of a judged run, which are complete only once judged.</summary>
        public bool NeedsJudging { get; init; }
    }
}
