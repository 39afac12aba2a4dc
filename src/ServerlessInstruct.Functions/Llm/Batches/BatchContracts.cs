using ServerlessInstruct.Core.Prompts;

namespace ServerlessInstruct.Functions.Llm.Batches;

/// <summary>One call of a batch: <paramref name="CustomId"/> finds its answer again in the output or error file.</summary>
public sealed record BatchCall(string CustomId, ChatPrompt Prompt);

/// <summary>A batch job as the service reports it.</summary>
/// <param name="Status">One of <see cref="BatchStatus"/>.</param>
/// <param name="Errors">Why a batch failed as a whole (validation or service errors); empty otherwise.</param>
public sealed record BatchJob(
    string Id,
    string Status,
    string InputFileId,
    string? OutputFileId,
    string? ErrorFileId,
    BatchRequestCounts Counts,
    IReadOnlyList<string> Errors)
{
    /// <summary>Whether the batch will change no more: its output and error files, if any, are final.</summary>
    public bool IsFinished => Status is BatchStatus.Completed or BatchStatus.Failed or BatchStatus.Expired or BatchStatus.Cancelled;
}

public sealed record BatchRequestCounts(int Total, int Completed, int Failed);

/// <summary>The statuses of a batch job, the same on Azure OpenAI and OpenAI.</summary>
public static class BatchStatus
{
    public const string Validating = "validating";
    public const string InProgress = "in_progress";
    public const string Finalizing = "finalizing";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Expired = "expired";
    public const string Cancelling = "cancelling";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// The outcome of one call of a finished batch: its completion (priced at the batch price), or the reason it has
/// none (<see cref="Error"/>, such as <c>batch_expired</c> or <c>http-500: ...</c>), so the caller retries or records it.
/// </summary>
public sealed record BatchLineResult(string CustomId, LlmCompletion? Completion, string? Error);

/// <summary>
/// The pipeline's way to the Batch APIs (Azure OpenAI Global Batch, OpenAI Batch): the same chat completions at the
/// batch price, answered within 24 hours. Each method is one request, so a durable orchestration can call them from
/// activities and wait between polls with timers.
/// </summary>
public interface IBatchLlmClient
{
    /// <summary>Uploads the calls as a JSONL file and creates a batch over it; the returned id is what to record before waiting.</summary>
    Task<BatchJob> SubmitAsync(IReadOnlyList<BatchCall> calls, string model, CancellationToken cancellationToken);

    Task<BatchJob> GetAsync(string batchId, CancellationToken cancellationToken);

    Task<BatchJob> CancelAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a finished batch's output and error files and matches them to <paramref name="calls"/> by custom_id: one
    /// result per call, in the calls' order; a call found in neither file gets an error saying so.
    /// </summary>
    Task<IReadOnlyList<BatchLineResult>> ReadResultsAsync(BatchJob job, IReadOnlyList<BatchCall> calls, string model, CancellationToken cancellationToken);
}
