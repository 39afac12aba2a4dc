namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>When a run gives up on its LLM: rounds in which every call failed, and whether one was refused.</summary>
public static class LlmAvailability
{
    /// <summary>Rounds in a row in which no LLM call succeeded before the run gives up on the LLM.</summary>
    public const int MaxRoundsWithoutLlm = 3;

    /// <summary>Rounds in a row without a successful call, after a round that made <paramref name="calls"/> of which <paramref name="failedCalls"/> failed.</summary>
    public static int RoundsWithout(int before, int calls, int failedCalls) => calls > 0 && failedCalls == calls ? before + 1 : 0;

    /// <summary>
    /// Why the run must end, or null when it goes on. A refusal (wrong deployment, no access) ends it after the first
    /// round in which every call failed, because it would be refused again; other failures after
    /// <see cref="MaxRoundsWithoutLlm"/> such rounds, because a transient outage should cost a few candidates, not the run.
    /// </summary>
    public static string? Failure(int roundsWithoutLlm, string? refusal, string? lastFailure) =>
        roundsWithoutLlm > 0 && refusal is not null ? refusal
        : roundsWithoutLlm >= MaxRoundsWithoutLlm ? $"No LLM call succeeded in {roundsWithoutLlm} rounds in a row; the last error: {lastFailure}"
        : null;
}
