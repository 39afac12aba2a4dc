using System.Text.Json.Serialization;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>The orchestration's custom status: what the status API and the CLI's progress bar show while a run works.</summary>
public sealed record RunProgress(
    string State,
    int Round,
    int Records,
    int Target,
    int InstructionsKept,
    IReadOnlyDictionary<string, int> Rejected,
    LlmUsage Usage)
{
    /// <summary>The batch job a batch run waits for; null while it waits for none.</summary>
    public BatchProgress? Batch { get; init; }

    public static RunProgress From(RunState state, string phase) => new(
        phase,
        state.Round,
        state.Totals.Records,
        state.Request.Options.TargetCount,
        state.Totals.InstructionsKept,
        state.Totals.Rejected,
        state.Totals.Usage);
}

/// <summary>The orchestration's output.</summary>
public sealed record RunSummary(string RunId, string Outcome, int Rounds, RunTotals Totals, string? Error = null)
{
    /// <summary>
    /// From the run's start request to its end, as manifest.json states it. Records per minute, wherever shown, are the
    /// records over this duration.
    /// </summary>
    public double DurationSeconds { get; init; }

    /// <summary>Records per minute over <see cref="DurationSeconds"/>; 0 for a run that took no time.</summary>
    [JsonIgnore]
    public double RecordsPerMinute => DurationSeconds <= 0 ? 0 : Totals.Records / DurationSeconds * 60;

    /// <summary>Where a restart of this run begins (<see cref="RunOutcomes.CanRestart"/>): the round to run next, with the totals so far.</summary>
    public RunState? Resume { get; init; }
}

/// <summary>
/// How a run ended. A run that walks through its input (translate, qa-rewrite) and reaches the input's end before
/// the target ends <see cref="Completed"/> too, with fewer records than the target: it has done all it could.
/// </summary>
public static class RunOutcomes
{
    public const string Completed = "completed";
    public const string MaxRounds = "max-rounds";

    /// <summary>The run went <see cref="Runs.RunOptions.MaxRoundsWithoutRecords"/> rounds in a row without a new record.</summary>
    public const string Stalled = "stalled";
    public const string BudgetExhausted = "budget-exhausted";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    /// <summary>A run that failed or was cancelled can be started again from where it stopped; other endings are final.</summary>
    public static bool CanRestart(string outcome) => outcome is Failed or Cancelled;

    /// <summary>
    /// How the run ends after a round (or before its first, with <paramref name="failure"/>), or null when it goes on.
    /// A failure wins; a reached target wins over a cancel or budget that came in the same round.
    /// </summary>
    public static string? After(RunState state, string? failure, bool cancelled)
    {
        var options = state.Request.Options;
        return failure is not null ? Failed
            : state.Totals.Records >= options.TargetCount ? Completed
            : cancelled ? Cancelled
            : options.BudgetUsd is { } budget && state.Totals.Usage.CostUsd >= (decimal)budget ? BudgetExhausted
            : PipelineModes.WalksSource(options.Mode) && state.SourceCursor >= state.SeedTasks ? Completed
            : state.RoundsWithoutRecords >= options.MaxRoundsWithoutRecords ? Stalled
            : state.Round >= options.MaxRounds ? MaxRounds
            : null;
    }
}
