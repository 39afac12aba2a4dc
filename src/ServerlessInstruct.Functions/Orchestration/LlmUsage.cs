using System.Text.Json.Serialization;
using ServerlessInstruct.Functions.Llm.Accounting;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// Calls and tokens as reported by the LLM's <c>usage</c>, and what they cost, with the same figures by stage
/// (the prompt's catalog name) and by model, and over time. Adding usages adds every part, so the sums the
/// orchestrator keeps carry the breakdowns along.
/// </summary>
public sealed record LlmUsage(int Calls, long PromptTokens, long CompletionTokens, decimal CostUsd = 0)
{
    private static readonly IReadOnlyDictionary<string, UsageCounts> NoCounts = new Dictionary<string, UsageCounts>();

    public static readonly LlmUsage None = new(0, 0, 0);

    public long TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>The part of <see cref="PromptTokens"/> the service read from its prompt cache (<c>cached_tokens</c>).</summary>
    public long CachedPromptTokens { get; init; }

    /// <summary>What the cached tokens would have cost more at the full input price.</summary>
    public decimal CacheSavedUsd { get; init; }

    /// <summary>What the calls sent as a batch would have cost more answered at once, at the standard price.</summary>
    public decimal BatchSavedUsd { get; init; }

    public IReadOnlyDictionary<string, UsageCounts> Stages { get; init; } = NoCounts;

    /// <summary>Keyed by the model the LLM said answered (the deployment name when it said none).</summary>
    public IReadOnlyDictionary<string, UsageCounts> Models { get; init; } = NoCounts;

    public UsageTimeline? Timeline { get; init; }

    /// <summary>Seconds the answered calls took from admission at the quota to the answer: the W of Little's law.</summary>
    public double CallSeconds { get; init; }

    /// <summary>429 answers met on the way, each waited out and sent again.</summary>
    public int Throttled { get; init; }

    /// <summary>Tokens charged against the quota at admission (prompt estimate plus max_tokens), as Azure counts them.</summary>
    [JsonIgnore]
    public long QuotaTokens => Timeline?.QuotaTokens.Sum() ?? 0;

    public static LlmUsage operator +(LlmUsage a, LlmUsage b) =>
        new(a.Calls + b.Calls, a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens, a.CostUsd + b.CostUsd)
        {
            CachedPromptTokens = a.CachedPromptTokens + b.CachedPromptTokens,
            CacheSavedUsd = a.CacheSavedUsd + b.CacheSavedUsd,
            BatchSavedUsd = a.BatchSavedUsd + b.BatchSavedUsd,
            Stages = UsageCounts.Merge(a.Stages, b.Stages),
            Models = UsageCounts.Merge(a.Models, b.Models),
            Timeline = UsageTimeline.Merge(a.Timeline, b.Timeline),
            CallSeconds = a.CallSeconds + b.CallSeconds,
            Throttled = a.Throttled + b.Throttled,
        };
}
