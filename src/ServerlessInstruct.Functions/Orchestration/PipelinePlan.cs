namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// The decisions of a round's overlapped pipeline that do not depend on Durable Task: how many LLM calls a round may
/// start before it drains, and whether one more generation call is worth starting. Pure, so they have fast unit tests.
/// </summary>
public static class PipelinePlan
{
    /// <summary>Records a generation call is expected to end in before any was filtered.</summary>
    public const double AssumedRecordsPerPrompt = 2.0;

    /// <summary>LLM calls a round may start, in multiples of the calls in flight.</summary>
    public const int RoundLengthInFlights = 16;

    /// <summary>How much more than the remaining records the calls outstanding are expected to bring before no more start.</summary>
    public const double EndMargin = 1.25;

    /// <summary>The share of the calls in flight that may be generation calls outstanding however close the target is.</summary>
    public const double MinOutstandingShare = 0.125;

    public const int MinCallsPerRound = 64;

    /// <summary>
    /// Keeps one orchestration generation's history to a few thousand events: every replay reads the whole history,
    /// so its cost grows with the square of a round's length.
    /// </summary>
    public const int MaxCallsPerRound = 1_600;

    /// <summary>
    /// LLM calls a round starts before it stops starting generation calls and drains. A round ends with a drain
    /// (its slowest calls finish while no new call starts), so longer rounds idle the quota less, and shorter ones
    /// keep the history each replay reads short.
    /// </summary>
    public static int CallsPerRound(int concurrency) =>
        Math.Clamp(concurrency * RoundLengthInFlights, MinCallsPerRound, MaxCallsPerRound);

    /// <summary>
    /// Records one generation call is expected to end in: the instructions the filters kept per filtered call, times
    /// the records per kept instruction once some were completed (1 before). Before any call was filtered,
    /// <paramref name="assumed"/>.
    /// </summary>
    public static double RecordsPerCall(Yield yield, double assumed) =>
        yield.CallsFiltered == 0 || yield.InstructionsKept == 0 ? assumed
            : (double)yield.InstructionsKept / yield.CallsFiltered
              * (yield.InstructionsCompleted == 0 ? 1.0 : (double)yield.RecordsKept / yield.InstructionsCompleted);

    /// <summary>
    /// Whether the target still needs another generation call, given the records written and what the calls started
    /// but not yet written are expected to add. Until a call was filtered and an output completed, a round starts at
    /// most one call per slot, so a wrong guess of the yield costs at most one wave of calls. Near the end it asks for a quarter more than the
    /// expectation, and keeps at least <see cref="MinOutstandingShare"/> of the slots busy: yields vary from call to
    /// call, and each wave that falls short costs a whole chain of calls (generation, filter, instances) in time, while
    /// a few calls too many cost little.
    /// </summary>
    public static bool WantsAnotherCall(int target, int written, int callsOutstanding, int callsStarted, Yield yield, double assumed, int concurrency, double endMargin = EndMargin)
    {
        if (yield.CallsFiltered == 0 || yield.InstructionsCompleted == 0)
        {
            return callsStarted < concurrency && written + (callsOutstanding * assumed) < target;
        }

        var remaining = target - written;
        return remaining > 0
            && (callsOutstanding < Math.Max(1, (int)(concurrency * MinOutstandingShare))
                || callsOutstanding * RecordsPerCall(yield, assumed) < remaining * endMargin);
    }

    /// <summary>
    /// The slots a batch run plans its generation calls with (<see cref="WantsAnotherCall"/>): a pilot batch of this
    /// many until the yield is known, so a wrong guess of it does not pay for a batch of calls the target does not
    /// need, then what the target still needs, with no share of slots kept busy: a batch waits anyway.
    /// </summary>
    public const int BatchPilotCalls = ConcurrencyPlan.Initial;

    /// <summary>
    /// A batch run's <see cref="EndMargin"/>: a wave that falls short costs one more small wave of batch jobs, which a
    /// run that waits hours for its batches hardly notices, while every call too many is paid.
    /// </summary>
    public const double BatchEndMargin = 1.05;

    /// <summary>
    /// The most calls out at once in a batch run, so the most lines of one batch job. Each call is two or three activity executions in the round's history, and a
    /// replay reads all of it, so this keeps a round to a few thousand events as <see cref="MaxCallsPerRound"/> does.
    /// </summary>
    public const int MaxBatchCalls = 500;

    /// <summary>Times a batch job may fail as a whole (validation, service errors) before the run ends failed with its reason.</summary>
    public const int MaxBatchFailures = 3;

    /// <summary>
    /// Input records the next call of a mode that walks its input takes: a batch, but no more than the input has left,
    /// nor than the target could still use if each record taken and not yet written became one (<paramref name="unclaimed"/>).
    /// </summary>
    public static int SourceBatch(int batchSize, int inputLeft, int unclaimed) => Math.Max(0, Math.Min(batchSize, Math.Min(inputLeft, unclaimed)));

    /// <summary>What the run's generation calls have yielded so far, counted as the pipeline sees each stage finish.</summary>
    public readonly record struct Yield(int CallsFiltered, int InstructionsKept, int InstructionsCompleted, int RecordsKept)
    {
        public Yield Filtered(int calls, int kept) => this with { CallsFiltered = CallsFiltered + calls, InstructionsKept = InstructionsKept + kept };

        public Yield Completed(int instructions, int records) =>
            this with { InstructionsCompleted = InstructionsCompleted + instructions, RecordsKept = RecordsKept + records };
    }
}
