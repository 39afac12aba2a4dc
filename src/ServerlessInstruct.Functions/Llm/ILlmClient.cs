using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Llm;

/// <summary>The pipeline's one way to the LLM.</summary>
public interface ILlmClient
{
    /// <summary>
    /// Sends <paramref name="prompt"/>. Content-filter refusals come back as a completion with
    /// <see cref="LlmFinish.ContentFilter"/>; an LLM that stays unavailable after the client's retries throws
    /// <see cref="LlmUnavailableException"/>, so the activity fails and Durable Task retries it later.
    /// </summary>
    Task<LlmCompletion> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken);
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

public sealed record LlmCompletion(string Content, LlmFinish Finish, LlmUsage Usage);

/// <summary>The LLM could not be reached or kept failing (429, 5xx, timeouts, unreadable responses).</summary>
public sealed class LlmUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
