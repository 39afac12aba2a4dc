using ServerlessInstruct.Core.Prompts;

namespace ServerlessInstruct.Functions.Llm.Batches;

/// <summary>
/// The LLM as an activity of a batch run sees it: a call whose batch answered returns that answer; any other call is
/// put in line for the next batch and the activity stops there (<see cref="BatchAnswerPendingException"/>), to run
/// again once the batch is back. Activities are deterministic in their prompts, so the run after the batch asks for
/// the same calls and finds them answered, and an activity with two calls in a row takes two batches.
/// </summary>
public sealed class BatchAnsweringLlmClient(BatchCallBook book, string runId, bool mayWait) : ILlmClient
{
    /// <summary>Batches a failed line is sent in before its call is given up and recorded.</summary>
    public const int MaxLineAttempts = 3;

    public async Task<LlmCompletion> CompleteAsync(ChatPrompt prompt, string model, CancellationToken cancellationToken)
    {
        var key = BatchCallBook.KeyOf(prompt);
        var entry = await book.FindAsync(runId, key, cancellationToken);
        if (entry is { Status: BatchCallStatus.Answered, Answer: { } answer })
        {
            return answer;
        }

        if (entry is { Status: BatchCallStatus.Failed, Attempts: >= MaxLineAttempts })
        {
            throw new BatchCallUnansweredException(BatchReasons.LineFailed, $"its batch line failed {entry.Attempts} times, last: {entry.Error}");
        }

        if (!mayWait)
        {
            throw new BatchCallUnansweredException(BatchReasons.NotSent, "the run stopped before a batch answered it");
        }

        await book.QueueAsync(runId, key, prompt, entry, cancellationToken);
        throw new BatchAnswerPendingException();
    }
}

/// <summary>The call is in line for a batch: the activity stops and runs again when the batch is back.</summary>
public sealed class BatchAnswerPendingException() : Exception("The call waits for a batch.");

/// <summary>A call of a batch run that will get no answer: recorded with <see cref="Reason"/>, never retried.</summary>
public sealed class BatchCallUnansweredException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}

/// <summary>Why a batch run's call got no answer, as recorded in rejected.jsonl.</summary>
public static class BatchReasons
{
    /// <summary>Its line failed or expired in <see cref="BatchAnsweringLlmClient.MaxLineAttempts"/> batches.</summary>
    public const string LineFailed = "batch-line-failed";

    /// <summary>The run was cancelled, or its batches kept failing, before a batch answered it.</summary>
    public const string NotSent = "batch-not-answered";
}
