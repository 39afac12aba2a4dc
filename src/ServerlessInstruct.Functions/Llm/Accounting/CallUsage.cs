using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Llm.Accounting;

/// <summary>An answer's <c>usage</c>: prompt tokens, the part of them read from the prompt cache, completion tokens.</summary>
public readonly record struct ReportedTokens(long Prompt, long Cached, long Completion);

/// <summary>One answered call as <see cref="LlmUsage"/>: priced, and counted under its stage and its model.</summary>
internal static class CallUsage
{
    /// <summary>A call answered at once, at the model's standard price.</summary>
    public static LlmUsage Of(ChatPrompt prompt, string model, ModelPrice? price, ReportedTokens tokens, DateTimeOffset at, long quotaCharge) =>
        Priced(prompt, model, price, tokens, batchSaved: 0m, at, quotaCharge);

    /// <summary>
    /// A line of a batch job, at the model's batch price (<see cref="ModelPrice.Batch"/>); what the same tokens would
    /// have cost more answered at once is its batch saving. Batch tokens come from a separate enqueued-token quota, so
    /// they charge nothing against the deployment's.
    /// </summary>
    public static LlmUsage OfBatchLine(ChatPrompt prompt, string model, ModelPrice? price, ReportedTokens tokens, DateTimeOffset at)
    {
        var batch = price?.Batch();
        var (promptTokens, cachedTokens, completionTokens) = tokens;
        var saved = price is null ? 0m : price.Cost(promptTokens, cachedTokens, completionTokens) - batch!.Cost(promptTokens, cachedTokens, completionTokens);
        return Priced(prompt, model, batch, tokens, saved, at, quotaCharge: 0);
    }

    /// <summary>A prompt's catalog name without its language: <c>instruction-generation/en</c> is stage <c>instruction-generation</c>.</summary>
    public static string StageOf(ChatPrompt prompt)
    {
        var slash = prompt.Name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? prompt.Name[..slash] : prompt.Name;
    }

    /// <param name="price">The price the call is billed at; its cache saving is measured against the same price without the cache.</param>
    private static LlmUsage Priced(ChatPrompt prompt, string model, ModelPrice? price, ReportedTokens tokens, decimal batchSaved, DateTimeOffset at, long quotaCharge)
    {
        var (promptTokens, cachedTokens, completionTokens) = tokens;
        var cost = price?.Cost(promptTokens, cachedTokens, completionTokens) ?? 0m;
        var cacheSaved = price?.CacheSaving(promptTokens, cachedTokens, completionTokens) ?? 0m;
        var counts = new UsageCounts(1, promptTokens, completionTokens, cost, cachedTokens, cacheSaved, batchSaved);
        return new LlmUsage(1, promptTokens, completionTokens, cost)
        {
            CachedPromptTokens = cachedTokens,
            CacheSavedUsd = cacheSaved,
            BatchSavedUsd = batchSaved,
            Stages = new Dictionary<string, UsageCounts> { [StageOf(prompt)] = counts },
            Models = new Dictionary<string, UsageCounts> { [model] = counts },
            Timeline = UsageTimeline.ForCall(at, promptTokens + completionTokens, quotaCharge),
        };
    }
}
