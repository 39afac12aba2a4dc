using System.ClientModel;
using System.Text.Json;
using OpenAI.Chat;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Llm;

/// <summary><see cref="ILlmClient"/> over <see cref="ChatClient"/>, so Azure OpenAI and OpenAI-compatible servers share one path.</summary>
public sealed class ChatLlmClient(ChatClient client) : ILlmClient
{
    public async Task<LlmCompletion> CompleteAsync(ChatPrompt prompt, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>(2);
        if (!string.IsNullOrEmpty(prompt.System))
        {
            messages.Add(new SystemChatMessage(prompt.System));
        }

        messages.Add(new UserChatMessage(prompt.User));
        var options = new ChatCompletionOptions
        {
            Temperature = (float)prompt.Sampling.Temperature,
            TopP = (float)prompt.Sampling.TopP,
            PresencePenalty = (float)prompt.Sampling.PresencePenalty,
            MaxOutputTokenCount = prompt.Sampling.MaxTokens,
        };
        foreach (var stop in prompt.Sampling.StopSequences)
        {
            options.StopSequences.Add(stop);
        }

        if (prompt.Output is { } output)
        {
            options.ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
                output.SchemaName, BinaryData.FromString(output.Schema), jsonSchemaIsStrict: true);
        }

        try
        {
            ChatCompletion completion = await client.CompleteChatAsync(messages, options, cancellationToken);
            var content = string.Concat(completion.Content.Select(part => part.Text));
            var usage = completion.Usage is { } u ? new LlmUsage(1, u.InputTokenCount, u.OutputTokenCount) : new LlmUsage(1, 0, 0);
            return new LlmCompletion(content, Map(completion.FinishReason), usage);
        }
        catch (ClientResultException e) when (IsContentFilter(e))
        {
            return new LlmCompletion(string.Empty, LlmFinish.ContentFilter, new LlmUsage(1, 0, 0));
        }
        catch (ClientResultException e)
        {
            throw new LlmUnavailableException($"The LLM answered HTTP {e.Status} after retries: {FirstLine(e.Message)}", e);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new LlmUnavailableException($"The LLM's response could not be read: {FirstLine(e.Message)}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LlmUnavailableException("The LLM did not answer within the request timeout (Llm__RequestTimeout).", e);
        }
    }

    static LlmFinish Map(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => LlmFinish.Stop,
        ChatFinishReason.Length => LlmFinish.Length,
        ChatFinishReason.ContentFilter => LlmFinish.ContentFilter,
        _ => LlmFinish.Other,
    };

    // Azure answers a filtered prompt with 400 and code content_filter.
    static bool IsContentFilter(ClientResultException e) =>
        e.Status == 400 && e.GetRawResponse()?.Content.ToString().Contains("content_filter", StringComparison.Ordinal) == true;

    static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
