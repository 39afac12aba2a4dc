using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>What started a run. Fixed for the run's life.</summary>
public sealed record RunRequest(string RunId, string SeedBlob, string SeedETag, RunOptions Options, DateTimeOffset RequestedAt)
{
    /// <summary>Why the seed blob's metadata gave no usable options; the run then ends at once, failed, saying so.</summary>
    public string? OptionsError { get; init; }

    /// <summary>
    /// The per-run settings the options were resolved from (blob metadata, start options). A restart resolves them
    /// again against the app's current defaults.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }
}

/// <summary>
/// The orchestrator's input, carried from round to round through ContinueAsNew. It holds counters, never the
/// instruction pool: activities read the pool from Table storage.
/// </summary>
public sealed record RunState
{
    public required RunRequest Request { get; init; }

    /// <summary>The round to run next; 0 until the seeds are loaded.</summary>
    public int Round { get; init; }

    public int SeedTasks { get; init; }

    /// <summary>
    /// In the modes that walk through the input (<see cref="PipelineModes.WalksSource"/>), the position of the next
    /// input record to process. Carried from round to round, so a replayed or retried round takes the same records.
    /// </summary>
    public int SourceCursor { get; init; }

    public RunTotals Totals { get; init; } = RunTotals.Empty;

    /// <summary>Rounds in a row, up to the last, in which every LLM call failed.</summary>
    public int RoundsWithoutLlm { get; init; }

    /// <summary>Rounds in a row, up to the last, that added no record.</summary>
    public int RoundsWithoutRecords { get; init; }

    /// <summary>LLM calls to keep in flight this round (<see cref="ConcurrencyPlan"/>); 0 before the first round.</summary>
    public int Concurrency { get; init; }

    /// <summary>
    /// The next step (<see cref="RoundPipeline"/>: one filter call and one write) to run. Steps number the pool's rows and
    /// the data blocks across rounds, so a restart that repeats a step writes it once. 0 for runs started before steps
    /// existed, whose steps were their rounds.
    /// </summary>
    public int Step { get; init; }

    /// <summary>What generation calls have yielded so far, which decides how many more the target needs.</summary>
    public PipelinePlan.Yield Yield { get; init; }
}
