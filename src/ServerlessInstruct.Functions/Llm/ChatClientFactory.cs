using System.ClientModel;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Chat;
using ServerlessInstruct.Functions.Hosting;
using ServerlessInstruct.Functions.Llm.Throttling;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Llm;

/// <summary>
/// Builds the <see cref="ChatClient"/>s the pipeline talks through, one per deployment (Azure OpenAI, with the
/// managed identity or a key when one is configured) or model name (any OpenAI-compatible base URL), all on one
/// connection setup. Their retry policy retries transient failures; 429s go back to <see cref="ChatLlmClient"/>,
/// whose rate limiter pauses and slows every call.
/// </summary>
public static class ChatClientFactory
{
    /// <summary>A function from deployment or model name to its client; configuration errors surface here, once.</summary>
    public static Func<string, ChatClient> Create(LlmOptions options)
    {
        var endpoint = options.Endpoint ?? throw new InvalidOperationException(
            "The LLM endpoint is not configured: set 'Llm__Endpoint' (and 'Llm__Provider' to 'azure' or 'openai').");
        var retry = new QuotaRetryPolicy(options.MaxRetries);

        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case "azure":
                var azureOptions = new AzureOpenAIClientOptions { NetworkTimeout = options.RequestTimeout, RetryPolicy = retry };
                var azure = string.IsNullOrWhiteSpace(options.ApiKey)
                    ? new AzureOpenAIClient(endpoint, AzureCredentials.Create(options.ClientId), azureOptions)
                    : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), azureOptions);
                return azure.GetChatClient;

            case "openai":
                var openAiOptions = new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = options.RequestTimeout, RetryPolicy = retry };

                // Local servers (vLLM, Ollama) accept any key, but the client insists on one.
                var openAi = new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "none" : options.ApiKey), openAiOptions);
                return openAi.GetChatClient;

            default:
                throw new InvalidOperationException($"Unknown LLM provider '{options.Provider}': use 'azure' or 'openai'.");
        }
    }
}
