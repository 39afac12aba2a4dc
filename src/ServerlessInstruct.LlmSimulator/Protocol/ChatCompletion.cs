namespace ServerlessInstruct.LlmSimulator.Protocol;

/// <summary>
/// One answer to write: <see cref="Content"/> is null when the output filter withheld it; <see cref="CachedTokens"/>
/// of the prompt tokens came from the prompt cache.
/// </summary>
internal sealed record ChatCompletion(
    string Id,
    long Created,
    string Model,
    string? Content,
    string FinishReason,
    int PromptTokens,
    int CompletionTokens,
    int CachedTokens = 0)
{
    /// <summary>Azure's content-filter severities of the prompt by category; categories not named are <c>safe</c>.</summary>
    public IReadOnlyDictionary<string, string> PromptSeverities { get; init; } = new Dictionary<string, string>();

    /// <summary>Azure's content-filter severities of the completion by category; categories not named are <c>safe</c>.</summary>
    public IReadOnlyDictionary<string, string> OutputSeverities { get; init; } = new Dictionary<string, string>();
}
