using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Llm;

/// <summary>The pipeline's one way to the LLM.</summary>
public interface ILlmClient
{
    /// <summary>
    /// Sends <paramref name="prompt"/> to <paramref name="model"/> (the Azure deployment or the model name).
    /// Content-filter refusals come back as a completion with <see cref="LlmFinish.ContentFilter"/>; an LLM that
    /// stays unavailable after the client's retries throws <see cref="LlmUnavailableException"/>, so the activity
    /// fails and Durable Task retries it later; a request the LLM refuses as such throws <see cref="LlmRefusedException"/>.
    /// </summary>
    Task<LlmCompletion> CompleteAsync(ChatPrompt prompt, string model, CancellationToken cancellationToken);
}

public enum LlmFinish
{
    Stop,

    /// <summary>Cut off at max_tokens.</summary>
    Length,

    /// <summary>Refused by the service's content filter, on the prompt or the answer.</summary>
    ContentFilter,

    Other,
}

public sealed record LlmCompletion(string Content, LlmFinish Finish, LlmUsage Usage)
{
    /// <summary>Azure's content-filter annotations of the call above <c>safe</c> (<see cref="ContentFilterAnnotations"/>); none from OpenAI.</summary>
    public IReadOnlyList<ContentFilterFlag> ContentFilter { get; init; } = [];
}

/// <summary>The LLM could not be reached or kept failing (429, 5xx, timeouts, unreadable responses).</summary>
public sealed class LlmUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The LLM refused the request itself (401, 403, 404, 422, 400 other than the content filter): a wrong endpoint,
/// deployment, identity or response format. Sending it again cannot help, so it is not retried; a round whose calls all fail so ends the run.
/// </summary>
public sealed class LlmRefusedException(string message, Exception? inner = null) : Exception(message, inner);
