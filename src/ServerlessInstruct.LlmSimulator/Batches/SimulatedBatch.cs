namespace ServerlessInstruct.LlmSimulator.Batches;

/// <summary>A file uploaded with purpose <c>batch</c>, or written by a batch (output and error files).</summary>
internal sealed record StoredFile(string Id, string Name, string Purpose, long CreatedAt, byte[] Content);

/// <summary>How a batch will end, drawn when it is created: completed, failed as a whole, or expired.</summary>
internal enum BatchFate
{
    Complete,
    Fail,
    Expire,
}

/// <summary>
/// One batch job. Its status follows the clock: validating for the first tenth of the completion delay, then
/// in_progress, then (once the delay has passed) its <see cref="Fate"/>; a cancel makes it cancelling, then cancelled.
/// The lines are answered when the batch finishes, once.
/// </summary>
internal sealed class SimulatedBatch
{
    public required string Id { get; init; }

    public required string Endpoint { get; init; }

    public required string InputFileId { get; init; }

    public required string CompletionWindow { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required TimeSpan Delay { get; init; }

    public required BatchFate Fate { get; init; }

    public required ulong Key { get; init; }

    public required int Total { get; init; }

    /// <summary>Why validation refused the input file; null when it was fine.</summary>
    public string? ValidationError { get; init; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? OutputFileId { get; set; }

    public string? ErrorFileId { get; set; }

    public int Completed { get; set; }

    public int Failed { get; set; }

    /// <summary>When the status last became final; null while the batch runs.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    public string? FinalStatus { get; set; }

    public DateTimeOffset ValidatedAt => CreatedAt + (Delay / 10);

    public DateTimeOffset DueAt => CreatedAt + Delay;
}
