using System.Text.Json.Serialization;
using ServerlessInstruct.Functions.Llm.Accounting;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// <c>manifest.json</c>: how a run was configured, how it ended, and its counts. For instructions and instances,
/// generated = kept + the sum of rejected by reason.
/// </summary>
public sealed record RunManifest(
    string RunId,
    string Outcome,
    string? Error,
    string SeedBlob,
    string SeedETag,
    RunOptions Options,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    double DurationSeconds,
    int Rounds,
    ManifestSeeds Seeds,
    ManifestStage Instructions,
    ManifestStage Instances,
    int InstancesOverTarget,
    int Records,
    ManifestLlm Llm,
    IReadOnlyDictionary<string, string> Versions)
{
    /// <summary>mrc runs only.</summary>
    public ManifestMrc? Mrc { get; init; }
    /// <summary>The judging stage, when the run was judged: judged = kept + the sum of rejected by reason.</summary>
    public ManifestJudge? Judge { get; init; }

    /// <summary>A batch run's jobs and how their lines ended; null for a run that called the LLM at once.</summary>
    public BatchTally? Batch { get; init; }
}

public sealed record ManifestSeeds(int Tasks, int Rejected);

/// <summary>
/// An mrc run's input (docs/method.md#mrc-mode): questions and records read = usable + rejected, where the rejections
/// (span mismatches, unanswerable questions skipped, bad records) all happened before any LLM call.
/// </summary>
public sealed record ManifestMrc(int Questions, int Usable, IReadOnlyDictionary<string, int> Rejected, IReadOnlyList<string> AnswerStyles, string Unanswerable);

public sealed record ManifestStage(int Generated, int Kept, IReadOnlyDictionary<string, int> Rejected);

/// <summary>LLM use, and the answers that could not be used, by <c>stage/reason</c>.</summary>
public sealed record ManifestLlm(int Calls, long PromptTokens, long CompletionTokens, long TotalTokens, decimal CostUsd, IReadOnlyDictionary<string, int> Problems)
{
    /// <summary>Use by stage: the prompt kind, such as <c>instruction-generation</c> or <c>classification</c>.</summary>
    public IReadOnlyDictionary<string, ManifestStageUsage> Stages { get; init; } = new Dictionary<string, ManifestStageUsage>();

    /// <summary>The part of <see cref="PromptTokens"/> the service read from its prompt cache.</summary>
    public long CachedPromptTokens { get; init; }

    /// <summary>What the cached tokens would have cost more at the full input price: <see cref="CostUsd"/> plus this is the cost without caching.</summary>
    public decimal CacheSavedUsd { get; init; }

    /// <summary>What the batch price saved against the standard price for the same tokens: <see cref="CostUsd"/> plus this is the cost without batches.</summary>
    public decimal BatchSavedUsd { get; init; }

    /// <summary>The cost spread over the records written, times 1,000; null when no record was written.</summary>
    [JsonPropertyName(CostPer1000RecordsName)]
    public decimal? CostPer1000RecordsUsd { get; init; }

    /// <summary>Spelled out: the snake-case policy would glue the number to its neighbours.</summary>
    internal const string CostPer1000RecordsName = "cost_per_1000_records_usd";

    /// <summary>Use by the model that answered, with the price applied.</summary>
    public IReadOnlyDictionary<string, ManifestModel> Models { get; init; } = new Dictionary<string, ManifestModel>();

    /// <summary>Models with no price in <c>Pricing:Models</c>: their calls are counted at $0, so the cost is understated.</summary>
    public IReadOnlyList<string> UnpricedModels { get; init; } = [];

    /// <summary>The deployment's tokens-per-minute quota calls were paced to (<c>Llm:TokensPerMinute</c>), if one was configured.</summary>
    public int? TokensPerMinute { get; init; }
}

/// <summary>One model's use and its price in US dollars per million tokens; null prices mean the model had none.</summary>
/// <param name="CachedInputUsdPerMillion">The price applied to cached prompt tokens: the input price for models without a cached one.</param>
public sealed record ManifestModel(
    int Calls,
    long PromptTokens,
    long CachedPromptTokens,
    long CompletionTokens,
    decimal CostUsd,
    decimal CacheSavedUsd,
    decimal? InputUsdPerMillion,
    decimal? CachedInputUsdPerMillion,
    decimal? OutputUsdPerMillion);

/// <summary>
/// One stage's LLM use. <paramref name="BatchSavedUsd"/> is what its calls sent as a batch would have cost more
/// answered at once. <paramref name="CostPer1000RecordsUsd"/> spreads the stage's cost over every record the run
/// wrote (a stage such as classification makes no record of its own but each record paid for it); null when the
/// run wrote none.
/// </summary>
public sealed record ManifestStageUsage(
    int Calls,
    long PromptTokens,
    long CachedPromptTokens,
    long CompletionTokens,
    decimal CostUsd,
    decimal CacheSavedUsd,
    decimal BatchSavedUsd,
    [property: JsonPropertyName(ManifestLlm.CostPer1000RecordsName)] decimal? CostPer1000RecordsUsd)
{
    public static ManifestStageUsage From(UsageCounts usage, int records) => new(
        usage.Calls, usage.PromptTokens, usage.CachedPromptTokens, usage.CompletionTokens, usage.CostUsd, usage.CacheSavedUsd,
        usage.BatchSavedUsd, PerThousand(usage.CostUsd, records));

    /// <summary>US dollars per 1,000 records, to the millionth of a dollar.</summary>
    public static decimal? PerThousand(decimal cost, int records) =>
        records <= 0 ? null : Math.Round(cost * 1_000m / records, 6, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The judging stage of a run: what it judged and kept, its rejections by reason (<c>low-quality</c>, <c>unsafe</c>,
/// <c>ungrounded</c>) and unsafe ones by category, every verdict by score, the records kept without a score by the
/// problem of the judge's answer, and what judging cost: its calls, dollars, and share of the run's cost and tokens.
/// </summary>
/// <param name="CostShare">Judging's share of the run's cost; null when the run cost nothing (no prices configured).</param>
public sealed record ManifestJudge(
    string Mode,
    int MinScore,
    int Judged,
    int Kept,
    IReadOnlyDictionary<string, int> Rejected,
    IReadOnlyDictionary<string, int> Unsafe,
    IReadOnlyDictionary<string, int> Scores,
    IReadOnlyDictionary<string, int> Unscored,
    int Calls,
    decimal CostUsd,
    double? CostShare,
    double TokenShare);
