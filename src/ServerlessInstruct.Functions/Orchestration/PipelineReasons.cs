namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>Reasons the pipeline itself gives; filter reasons are the core's <see cref="Core.Filtering.RejectionReasons"/>.</summary>
public static class PipelineReasons
{
    /// <summary>The stage of problems with the seed file itself.</summary>
    public const string SeedStage = "seed-file";

    public const string InvalidSeedLine = "invalid-seed-line";
    public const string ActivityFailed = "activity-failed";
}
