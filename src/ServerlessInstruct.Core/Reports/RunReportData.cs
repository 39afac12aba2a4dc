namespace ServerlessInstruct.Core.Reports;

/// <summary>Everything <see cref="RunReport"/> draws, as plain values: the host gathers them from the run's files and totals.</summary>
public sealed record RunReportData
{
    public required string RunId { get; init; }

    public required string Outcome { get; init; }

    /// <summary>Headline facts shown as a table, in order: seed file, target, duration, model, budget...</summary>
    public IReadOnlyList<ReportFact> Facts { get; init; } = [];

    public required DatasetStatistics Dataset { get; init; }

    /// <summary>The near-duplicate threshold: kept instructions score at most this against the pool.</summary>
    public double SimilarityThreshold { get; init; } = 0.7;

    public IReadOnlyList<ReasonCount> Rejections { get; init; } = [];

    public IReadOnlyList<StageUsage> Stages { get; init; } = [];

    public IReadOnlyList<ThroughputPoint> Throughput { get; init; } = [];

    /// <summary>The tokens-per-minute quota the run was paced to, if any.</summary>
    public int? TokensPerMinuteQuota { get; init; }

    /// <summary>The judging stage, when the run was judged.</summary>
    public JudgeReport? Judge { get; init; }

    /// <summary>Caveats the reader must see, such as models without a price.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public sealed record ReportFact(string Label, string Value);

/// <summary>What the judging stage did: the records it judged and kept, its verdicts by score, its rejections by reason, and its cost.</summary>
/// <param name="Scores">Verdicts by score, 1 to 5.</param>
/// <param name="Rejected">Rejections by judge reason.</param>
/// <param name="Unsafe">Unsafe rejections by safety category.</param>
/// <param name="Unscored">Records kept without a score, by the problem of the judge's answer.</param>
/// <param name="CostShare">Judging's share of the run's cost, or null when the run cost nothing.</param>
public sealed record JudgeReport(
    string Mode,
    int MinScore,
    int Judged,
    int Kept,
    IReadOnlyDictionary<int, int> Scores,
    IReadOnlyDictionary<string, int> Rejected,
    IReadOnlyDictionary<string, int> Unsafe,
    IReadOnlyDictionary<string, int> Unscored,
    decimal CostUsd,
    double? CostShare,
    double TokenShare);

/// <summary>Candidates dropped at <paramref name="Stage"/> for <paramref name="Reason"/>.</summary>
public sealed record ReasonCount(string Stage, string Reason, int Count);

/// <summary>
/// LLM use of one stage (prompt kind) of the run: <paramref name="CachedPromptTokens"/> of the prompt tokens came from
/// the prompt cache, which saved <paramref name="CacheSavedUsd"/>; <paramref name="CostPer1000RecordsUsd"/> is null
/// when the run wrote no record.
/// </summary>
public sealed record StageUsage(string Stage, int Calls, long PromptTokens, long CompletionTokens, decimal CostUsd)
{
    public long CachedPromptTokens { get; init; }

    public decimal CacheSavedUsd { get; init; }

    public decimal? CostPer1000RecordsUsd { get; init; }
}

/// <summary>
/// LLM use in one time bucket, as rates per minute. <paramref name="QuotaTokensPerMinute"/> is what the quota was
/// charged (prompt estimate plus max_tokens); <paramref name="TokensPerMinute"/> is what usage reported.
/// </summary>
public sealed record ThroughputPoint(double Minute, double CallsPerMinute, double TokensPerMinute, double QuotaTokensPerMinute);
