namespace ServerlessInstruct.LlmSimulator.Stats;

/// <summary>What the simulator has answered since it started or was last reset.</summary>
/// <param name="Requests">Every request received on a chat completions route.</param>
/// <param name="Routes">Requests per route: <c>openai</c> (/v1/...) and <c>azure</c> (/openai/deployments/...).</param>
/// <param name="Outcomes">Requests per outcome, keyed by <see cref="SimulatorStats.OutcomeName"/>.</param>
/// <param name="PromptTokens">Prompt tokens reported in usage of delivered answers.</param>
/// <param name="CompletionTokens">Completion tokens reported in usage of delivered answers.</param>
/// <param name="QuotaTokens">
/// Tokens charged against the tokens-per-minute quota at admission (prompt plus max_tokens, as Azure counts), for
/// every admitted request whatever its answer; counted only while a quota is set.
/// </param>
public sealed record SimulatorStatsSnapshot(
    long Requests,
    IReadOnlyDictionary<string, long> Routes,
    IReadOnlyDictionary<string, long> Outcomes,
    long PromptTokens,
    long CompletionTokens,
    long QuotaTokens)
{
    public long TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>The part of <see cref="PromptTokens"/> reported as read from the prompt cache (<c>cached_tokens</c>).</summary>
    public long CachedTokens { get; init; }

    /// <summary>Files uploaded to the Files API.</summary>
    public long FilesUploaded { get; init; }

    /// <summary>Batches created: a run that resumes must not create its batch again.</summary>
    public long BatchesCreated { get; init; }

    public long BatchesCancelled { get; init; }

    /// <summary>Requests received and not yet answered (each answer, error or drop records an outcome).</summary>
    public long InFlight => Requests - Outcomes.Values.Sum();

    public long this[RequestOutcome outcome] =>
        Outcomes.TryGetValue(SimulatorStats.OutcomeName(outcome), out long count) ? count : 0;
}
