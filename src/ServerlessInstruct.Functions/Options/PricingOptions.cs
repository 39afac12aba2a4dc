namespace ServerlessInstruct.Functions.Options;

/// <summary>
/// Prices of the models a run may use, bound from the <c>Pricing</c> section:
/// <c>Pricing__Models__gpt-4o-mini__InputPerMillion=0.15</c> (and <c>__CachedInputPerMillion</c>, <c>__OutputPerMillion</c>,
/// the batch prices <c>__BatchInputPerMillion</c>, <c>__BatchCachedInputPerMillion</c>, <c>__BatchOutputPerMillion</c>
/// and <c>__BatchDiscount</c>) changes a price or adds a model. A model answers with
/// its name (<c>gpt-4o-mini-2024-07-18</c>); the longest listed name it starts with sets its price. A model with no
/// price costs 0 and the manifest names it.
/// </summary>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>
    /// Azure OpenAI list prices (global standard deployments, USD per million tokens, mid 2025): input, cached input
    /// (prompt tokens read from the prompt cache) and output; check your agreement and region and override what
    /// differs. Models without a cached price (gpt-35-turbo) bill cached tokens as input. The simulator is free.
    /// </summary>
    public Dictionary<string, ModelPrice> Models { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-4o"] = new(2.50m, 10.00m) { CachedInputPerMillion = 1.25m },
        ["gpt-4o-mini"] = new(0.15m, 0.60m) { CachedInputPerMillion = 0.075m },
        ["gpt-4.1"] = new(2.00m, 8.00m) { CachedInputPerMillion = 0.50m },
        ["gpt-4.1-mini"] = new(0.40m, 1.60m) { CachedInputPerMillion = 0.10m },
        ["gpt-4.1-nano"] = new(0.10m, 0.40m) { CachedInputPerMillion = 0.025m },
        ["gpt-5"] = new(1.25m, 10.00m) { CachedInputPerMillion = 0.125m },
        ["gpt-5-mini"] = new(0.25m, 2.00m) { CachedInputPerMillion = 0.025m },
        ["gpt-5-nano"] = new(0.05m, 0.40m) { CachedInputPerMillion = 0.005m },
        ["o3-mini"] = new(1.10m, 4.40m) { CachedInputPerMillion = 0.55m },
        ["o4-mini"] = new(1.10m, 4.40m) { CachedInputPerMillion = 0.275m },
        ["gpt-35-turbo"] = new(0.50m, 1.50m),
        ["gpt-3.5-turbo"] = new(0.50m, 1.50m),
        ["simulator"] = new(0m, 0m),
    };
}

/// <summary>What a model charges, in US dollars per million tokens.</summary>
public sealed class ModelPrice
{
    public ModelPrice()
    {
    }

    public ModelPrice(decimal inputPerMillion, decimal outputPerMillion)
    {
        InputPerMillion = inputPerMillion;
        OutputPerMillion = outputPerMillion;
    }

    /// <summary>Prompt (input) tokens.</summary>
    public decimal InputPerMillion { get; set; }

    /// <summary>Completion (output) tokens.</summary>
    public decimal OutputPerMillion { get; set; }

    /// <summary>
    /// Prompt tokens the service read from its prompt cache (<c>usage.prompt_tokens_details.cached_tokens</c>); null
    /// bills them as <see cref="InputPerMillion"/>.
    /// </summary>
    public decimal? CachedInputPerMillion { get; set; }

    /// <summary>
    /// The share taken off every price for calls sent as a batch (Azure OpenAI Global Batch, the OpenAI Batch API);
    /// null means the services' <see cref="DefaultBatchDiscount"/>.
    /// </summary>
    public decimal? BatchDiscount { get; set; }

    /// <summary>Batch calls cost half the global standard price.</summary>
    public const decimal DefaultBatchDiscount = 0.5m;

    /// <summary>What a batch call costs per dollar of the same call answered at once, where no batch price is set.</summary>
    public decimal BatchFactor => 1m - (BatchDiscount ?? DefaultBatchDiscount);

    /// <summary>
    /// Prompt tokens of a batch call; null: <see cref="InputPerMillion"/> less the batch discount. A list price that is
    /// not exactly the discounted one (rounded, or a model with another discount) goes here.
    /// </summary>
    public decimal? BatchInputPerMillion { get; set; }

    /// <summary>Cached prompt tokens of a batch call; null: <see cref="CachedInputPerMillion"/> less the batch discount.</summary>
    public decimal? BatchCachedInputPerMillion { get; set; }

    /// <summary>Completion tokens of a batch call; null: <see cref="OutputPerMillion"/> less the batch discount.</summary>
    public decimal? BatchOutputPerMillion { get; set; }

    /// <summary>The prices of the same model for calls sent as a batch: each batch price set, else this price less the discount.</summary>
    public ModelPrice Batch() => new()
    {
        InputPerMillion = BatchInputPerMillion ?? InputPerMillion * BatchFactor,
        CachedInputPerMillion = BatchCachedInputPerMillion ?? CachedInputPerMillion * BatchFactor,
        OutputPerMillion = BatchOutputPerMillion ?? OutputPerMillion * BatchFactor,
    };

    /// <summary>What <paramref name="promptTokens"/> (of which <paramref name="cachedTokens"/> came from the cache) and <paramref name="completionTokens"/> cost.</summary>
    public decimal Cost(long promptTokens, long cachedTokens, long completionTokens)
    {
        var cached = Math.Clamp(cachedTokens, 0, promptTokens);
        return (((promptTokens - cached) * InputPerMillion) + (cached * (CachedInputPerMillion ?? InputPerMillion))
            + (completionTokens * OutputPerMillion)) / 1_000_000m;
    }

    /// <summary>What the cached tokens would have cost more at the full input price.</summary>
    public decimal CacheSaving(long promptTokens, long cachedTokens, long completionTokens) =>
        Cost(promptTokens, 0, completionTokens) - Cost(promptTokens, cachedTokens, completionTokens);
}
