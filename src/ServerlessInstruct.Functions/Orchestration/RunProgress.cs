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
public sealed record RunSummary(string RunId, string Outcome, int Rounds, RunTotals Totals, string? Error = null);

/// <summary>
/// How a run ended. A run that walks through its input (translate, qa-rewrite) and reaches the input's end before
/// the target ends <see cref="Completed"/> too, with fewer records than the target: it has done all it could.
/// </summary>
public static class RunOutcomes
{
    public const string Completed = "completed";
    public const string MaxRounds = "max-rounds";
    public const string BudgetExhausted = "budget-exhausted";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
}
