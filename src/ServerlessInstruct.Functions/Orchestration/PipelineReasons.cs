namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>Reasons the pipeline itself gives; filter reasons are the core's <see cref="Core.Filtering.RejectionReasons"/>.</summary>
public static class PipelineReasons
{
    /// <summary>The stage of problems with the seed file itself.</summary>
    public const string SeedStage = "seed-file";

    public const string InvalidSeedLine = "invalid-seed-line";

    /// <summary>The seed file is readable but of a format the run's mode cannot take (translate needs records with outputs).</summary>
    public const string FormatNotForMode = "format-not-for-mode";

    /// <summary>The call kept failing through every retry (LLM unavailable, throttled too long, unreadable answers).</summary>
    public const string ActivityFailed = "activity-failed";

    /// <summary>The LLM refused the request itself (HTTP 400, 401, 403, 404, 422): not retried.</summary>
    public const string LlmRefused = "llm-refused";
}
