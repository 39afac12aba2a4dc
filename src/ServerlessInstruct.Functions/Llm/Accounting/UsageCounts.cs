namespace ServerlessInstruct.Functions.Llm.Accounting;

/// <summary>Calls, tokens and cost of one slice of a run's LLM use: one stage, or one model.</summary>
/// <param name="CachedPromptTokens">The part of <paramref name="PromptTokens"/> the service read from its prompt cache.</param>
/// <param name="CacheSavedUsd">What those cached tokens would have cost more at the full input price.</param>
/// <param name="BatchSavedUsd">What the calls sent as a batch would have cost more answered at once, at the standard price.</param>
public sealed record UsageCounts(int Calls, long PromptTokens, long CompletionTokens, decimal CostUsd, long CachedPromptTokens = 0, decimal CacheSavedUsd = 0, decimal BatchSavedUsd = 0)
{
    public long TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>The cost had every prompt token been billed at the full input price.</summary>
    public decimal FullPriceCostUsd => CostUsd + CacheSavedUsd;

    public static UsageCounts operator +(UsageCounts a, UsageCounts b) =>
        new(a.Calls + b.Calls, a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens, a.CostUsd + b.CostUsd,
            a.CachedPromptTokens + b.CachedPromptTokens, a.CacheSavedUsd + b.CacheSavedUsd, a.BatchSavedUsd + b.BatchSavedUsd);

    /// <summary>Adds two keyed breakdowns; neither input changes.</summary>
    public static IReadOnlyDictionary<string, UsageCounts> Merge(
        IReadOnlyDictionary<string, UsageCounts> a, IReadOnlyDictionary<string, UsageCounts> b)
    {
        if (b.Count == 0)
        {
            return a;
        }

        if (a.Count == 0)
        {
            return b;
        }

        var merged = new SortedDictionary<string, UsageCounts>(a.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, counts) in b)
        {
            merged[key] = merged.TryGetValue(key, out var existing) ? existing + counts : counts;
        }

        return merged;
    }
}
