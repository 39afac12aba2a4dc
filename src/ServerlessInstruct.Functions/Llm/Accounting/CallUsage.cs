using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Llm.Accounting;

/// <summary>An answer's <c>usage</c>: prompt tokens, the part of them read from the prompt cache, completion tokens.</summary>
public readonly record struct ReportedTokens(long Prompt, long Cached, long Completion);

/// <summary>One answered call as <see cref="LlmUsage"/>: priced, and counted under its stage and its model.</summary>
internal static class CallUsage
{
    /// <param name="priceFactor">1 for a call answered at once; the batch factor (half, unless configured) for a batch line.</param>
    public static LlmUsage Of(ChatPrompt prompt, string model, ModelPrice? price, ReportedTokens tokens, decimal priceFactor, DateTimeOffset at, long quotaCharge)
    {
        var (promptTokens, cachedTokens, completionTokens) = tokens;
        var cost = (price?.Cost(promptTokens, cachedTokens, completionTokens) ?? 0m) * priceFactor;
        var saved = (price?.CacheSaving(promptTokens, cachedTokens, completionTokens) ?? 0m) * priceFactor;
        var counts = new UsageCounts(1, promptTokens, completionTokens, cost, cachedTokens, saved);
        return new LlmUsage(1, promptTokens, completionTokens, cost)
        {
            CachedPromptTokens = cachedTokens,
            CacheSavedUsd = saved,
            Stages = new Dictionary<string, UsageCounts> { [StageOf(prompt)] = counts },
            Models = new Dictionary<string, UsageCounts> { [model] = counts },
            Timeline = UsageTimeline.ForCall(at, promptTokens + completionTokens, quotaCharge),
        };
    }

    /// <summary>A prompt's catalog name without its language: <c>instruction-generation/en</c> is stage <c>instruction-generation</c>.</summary>
    public static string StageOf(ChatPrompt prompt)
    {
        var slash = prompt.Name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? prompt.Name[..slash] : prompt.Name;
    }
}
