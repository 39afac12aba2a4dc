namespace ServerlessInstruct.Functions.Llm.Accounting;

/// <summary>Calls, tokens and cost of one slice of a run's LLM use: one stage, or one model.</summary>
public sealed record UsageCounts(int Calls, long PromptTokens, long CompletionTokens, decimal CostUsd)
{
    public long TotalTokens => PromptTokens + CompletionTokens;

    public static UsageCounts operator +(UsageCounts a, UsageCounts b) =>
        new(a.Calls + b.Calls, a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens, a.CostUsd + b.CostUsd);

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
