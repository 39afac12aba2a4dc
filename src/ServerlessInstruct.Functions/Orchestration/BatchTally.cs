using ServerlessInstruct.Functions.Llm.Batches;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// A batch run's jobs: how many were submitted, their lines, and how those ended. Lines = answered + failed (a failed
/// line is sent again later or, after its last attempt, recorded) + requeued (lines of a job that failed as a whole).
/// </summary>
public sealed record BatchTally(int Jobs, int Lines, int Answered, int FailedLines, int FailedJobs, int Requeued)
{
    public static readonly BatchTally None = new(0, 0, 0, 0, 0, 0);

    /// <summary>Counted when collected: a service may report no line count before it has validated the file.</summary>
    public BatchTally Collected(BatchJob job, CollectedBatch collected) => this with
    {
        Jobs = Jobs + 1,
        Lines = Lines + collected.Answered + collected.FailedLines + collected.Requeued,
        Answered = Answered + collected.Answered,
        FailedLines = FailedLines + collected.FailedLines,
        Requeued = Requeued + collected.Requeued,
        FailedJobs = FailedJobs + (job.Status == BatchStatus.Failed ? 1 : 0),
    };
}

/// <summary>The batch job a run waits for, as the progress display shows it.</summary>
public sealed record BatchProgress(string Id, string Status, int Lines, int Completed, int Failed)
{
    public static BatchProgress Of(BatchJob job) => new(job.Id, job.Status, job.Counts.Total, job.Counts.Completed, job.Counts.Failed);
}
