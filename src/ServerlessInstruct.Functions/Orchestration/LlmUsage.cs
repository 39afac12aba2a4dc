namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>Calls and tokens as reported by the LLM's <c>usage</c>, and what they cost.</summary>
public sealed record LlmUsage(int Calls, long PromptTokens, long CompletionTokens, decimal CostUsd = 0)
{
    public static readonly LlmUsage None = new(0, 0, 0);

    public long TotalTokens => PromptTokens + CompletionTokens;

    public static LlmUsage operator +(LlmUsage a, LlmUsage b) =>
        new(a.Calls + b.Calls, a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens, a.CostUsd + b.CostUsd);
}
