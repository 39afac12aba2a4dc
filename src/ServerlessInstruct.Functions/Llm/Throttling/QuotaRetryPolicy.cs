using System.ClientModel.Primitives;

namespace ServerlessInstruct.Functions.Llm.Throttling;

/// <summary>
/// The client's retry policy for transient failures (5xx, timeouts, dropped connections), which leaves 429 to the
/// caller: a 429 means the shared quota is spent, and <see cref="LlmRateLimiter"/> must hear of it to slow every
/// call of the process down, not only retry this one.
/// </summary>
internal sealed class QuotaRetryPolicy(int maxRetries) : ClientRetryPolicy(maxRetries)
{
    private const int TooManyRequests = 429;

    protected override bool ShouldRetry(PipelineMessage message, Exception? exception) =>
        message.Response?.Status != TooManyRequests && base.ShouldRetry(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception? exception) =>
        message.Response?.Status == TooManyRequests ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);
}
