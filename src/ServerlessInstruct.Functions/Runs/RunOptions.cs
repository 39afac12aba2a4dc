using System.Text.Json.Serialization;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Runs;

/// <summary>
/// The options one run is executed with: the app's <see cref="Options.PipelineOptions"/> defaults with the
/// per-run overrides applied. Fixed at start and carried in orchestration state, so a redeploy with other
/// defaults does not change a run in flight.
/// </summary>
public sealed record RunOptions
{
    public required PipelineMode Mode { get; init; }

    public required Language Language { get; init; }

    public required int TargetCount { get; init; }

    public required int MaxRounds { get; init; }

    /// <summary>Rounds in a row that add no record before the run stops as stalled. Initialised for runs started before it existed.</summary>
    public int MaxRoundsWithoutRecords { get; init; } = RoundLimits.DefaultMaxRoundsWithoutRecords;

    /// <summary>The dedup partition: the run id unless runs share a named corpus.</summary>
    public required string DedupScope { get; init; }

    /// <summary>The most LLM calls in flight; within it, <see cref="Orchestration.ConcurrencyPlan"/> follows the quota.</summary>
    public required int MaxConcurrency { get; init; }

    /// <summary>This instance's share of the deployment's tokens-per-minute quota, when known; it sizes the calls in flight.</summary>
    public int? QuotaTokensPerMinute { get; init; }

    public required double SimilarityThreshold { get; init; }

    public required bool StructuredOutput { get; init; }

    /// <summary>How prompts ask for their answer: a JSON schema with <see cref="StructuredOutput"/>, else plain text.</summary>
    [JsonIgnore]
    public ResponseStyle ResponseStyle => StructuredOutput ? ResponseStyle.Json : ResponseStyle.Text;

    public double? BudgetUsd { get; init; }

    public required string Model { get; init; }

    /// <summary>The answer styles of an mrc run (<see cref="Core.Mrc.AnswerStyles"/>); one record per style and question.</summary>
    public IReadOnlyList<string> AnswerStyles { get; init; } = [Core.Mrc.AnswerStyles.Span];

    /// <summary>What an mrc run does with unanswerable questions (<see cref="Core.Mrc.UnanswerablePolicy"/>).</summary>
    public string Unanswerable { get; init; } = Core.Mrc.UnanswerablePolicy.Answer;
    /// <summary>The judging stage (<see cref="Core.Judging.JudgeModes"/>). Initialised for runs started before it existed.</summary>
    public string Judge { get; init; } = Core.Judging.JudgeModes.None;

    /// <summary>
    /// Send the LLM calls as batch jobs (Azure OpenAI Global Batch, the OpenAI Batch API): half the price, answered
    /// within 24 hours, waited for with durable timers (docs/throughput.md#batch-runs).
    /// </summary>
    public bool Batch { get; init; }

    /// <summary>The deployment or model batch jobs go to (<see cref="Options.LlmOptions.BatchDeployment"/>); null: <see cref="Model"/>.</summary>
    public string? BatchModel { get; init; }

    /// <summary>The first wait before a batch job's status is read; each later wait doubles, up to <see cref="MaxBatchPoll"/>.</summary>
    public TimeSpan BatchPoll { get; init; } = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxBatchPoll = TimeSpan.FromMinutes(10);

    /// <summary>The lowest judge score a kept record may have, from 1 to 5.</summary>
    public int MinScore { get; init; } = Core.Judging.JudgeModes.DefaultMinScore;
}
