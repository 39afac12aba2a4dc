namespace ServerlessInstruct.Functions.Options;

/// <summary>
/// App-wide defaults for a run, bound from the <c>Pipeline</c> configuration section
/// (<c>Pipeline__TargetCount</c> and so on in app settings). A run may override the
/// <see cref="Runs.RunOptions"/> subset through blob metadata or the HTTP start API.
/// </summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// A <see cref="Orchestration.PipelineMode"/> by name (<c>Pipeline__Mode=qa-rewrite</c>). Kept as text so that
    /// <see cref="Runs.RunOptionsResolver"/> parses it like an override and reports a bad value with the accepted ones.
    /// </summary>
    public string Mode { get; set; } = Orchestration.PipelineModes.Name(Orchestration.PipelineMode.SelfInstruct);

    /// <summary>A <see cref="Core.Languages.Language"/> by code (<c>en</c>, <c>ko</c>), parsed like <see cref="Mode"/>.</summary>
    public string Language { get; set; } = Core.Languages.LanguageCodes.Name(Core.Languages.Language.En);

    /// <summary>Records (instruction, input, output lines) to produce.</summary>
    public int TargetCount { get; set; } = 100;

    /// <summary>
    /// A safety stop on the number of rounds; empty follows the target (<see cref="Runs.RoundLimits.DefaultMaxRounds"/>),
    /// so a large run is not cut off by a limit sized for a small one.
    /// </summary>
    public int? MaxRounds { get; set; }

    /// <summary>Rounds in a row that add no record before a run stops as <c>stalled</c>: its pool no longer yields new tasks.</summary>
    public int MaxRoundsWithoutRecords { get; set; } = Runs.RoundLimits.DefaultMaxRoundsWithoutRecords;

    /// <summary>Dedup partition shared by runs; empty means each run deduplicates on its own.</summary>
    public string? DedupScope { get; set; }

    /// <summary>
    /// The most LLM calls in flight at once for one run. Within it the number follows the quota and the latency the
    /// run observes (<see cref="Orchestration.ConcurrencyPlan"/>), so this is a bound, not the speed.
    /// </summary>
    public int MaxConcurrency { get; set; } = 256;

    public double SimilarityThreshold { get; set; } = 0.7;

    /// <summary>Ask for JSON-schema structured output; plain-text parsing stays as the fallback.</summary>
    public bool StructuredOutput { get; set; } = true;

    /// <summary>The judging stage after the instance filters: <c>none</c>, <c>quality</c> or <c>quality+safety</c>.</summary>
    public string Judge { get; set; } = Core.Judging.JudgeModes.None;

    /// <summary>The lowest judge score, from 1 to 5, a record needs to be kept when the run is judged.</summary>
    public int MinScore { get; set; } = Core.Judging.JudgeModes.DefaultMinScore;

    /// <summary>Send LLM calls as batch jobs at half the price, answered within 24 hours (<c>batch</c> per run).</summary>
    public bool Batch { get; set; }

    /// <summary>The first wait before a batch job's status is read; later waits double up to 10 minutes.</summary>
    public TimeSpan BatchPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest seed file accepted, in bytes.</summary>
    public long MaxSeedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most seed tasks read from one file.</summary>
    public int MaxSeedTasks { get; set; } = 100_000;

    /// <summary>Stop cleanly once this much has been spent, in US dollars; null means no budget.</summary>
    public double? BudgetUsd { get; set; }

    /// <summary>mrc mode: the answer styles, comma-separated (span, sentence, choice).</summary>
    public string AnswerStyle { get; set; } = "span";

    /// <summary>mrc mode: <c>answer</c> keeps unanswerable questions with a "the passage does not say" answer, <c>skip</c> leaves them out.</summary>
    public string Unanswerable { get; set; } = "answer";
}
