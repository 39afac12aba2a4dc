using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Chat;
using ServerlessInstruct.Functions.Llm.Throttling;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Llm;

/// <summary>
/// Builds the one <see cref="ChatClient"/> the pipeline talks through: Azure OpenAI (managed identity, or a key
/// when one is configured) or any OpenAI-compatible base URL. Their retry policy retries transient failures;
/// 429s go back to <see cref="ChatLlmClient"/>, whose rate limiter pauses and slows every call.
/// </summary>
public static class ChatClientFactory
{
    public static ChatClient Create(LlmOptions options)
    {
        var endpoint = options.Endpoint ?? throw new InvalidOperationException(
            "The LLM endpoint is not configured: set 'Llm__Endpoint' (and 'Llm__Provider' to 'azure' or 'openai').");
        var retry = new QuotaRetryPolicy(options.MaxRetries);

        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case "azure":
                var azureOptions = new AzureOpenAIClientOptions { NetworkTimeout = options.RequestTimeout, RetryPolicy = retry };
                var azure = string.IsNullOrWhiteSpace(options.ApiKey)
                    ? new AzureOpenAIClient(endpoint, StorageClients.CreateCredential(options.ClientId), azureOptions)
                    : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), azureOptions);
                return azure.GetChatClient(options.Deployment);

            case "openai":
                var openAiOptions = new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = options.RequestTimeout, RetryPolicy = retry };

                // Local servers (vLLM, Ollama) accept any key, but the client insists on one.
                return new ChatClient(options.Deployment, new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "none" : options.ApiKey), openAiOptions);

            default:
                throw new InvalidOperationException($"Unknown LLM provider '{options.Provider}': use 'azure' or 'openai'.");
        }
    }
}
