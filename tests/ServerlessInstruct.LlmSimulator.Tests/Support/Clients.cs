using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace ServerlessInstruct.LlmSimulator.Tests.Support;

/// <summary>The real SDK clients, pointed at a simulator.</summary>
internal static class Clients
{
    public const string ApiKey = "test-key";

    /// <summary>An OpenAI <see cref="ChatClient"/>; <paramref name="maxRetries"/> null keeps the built-in retry policy.</summary>
    public static ChatClient OpenAi(LlmSimulatorServer server, int? maxRetries = 0, TimeSpan? networkTimeout = null)
    {
        var options = new OpenAIClientOptions { Endpoint = server.OpenAiEndpoint };
        if (maxRetries is int retries)
        {
            options.RetryPolicy = new ClientRetryPolicy(retries);
        }

        if (networkTimeout is TimeSpan timeout)
        {
            options.NetworkTimeout = timeout;
        }

        return new ChatClient("gpt-4o-mini", new ApiKeyCredential(ApiKey), options);
    }

    /// <summary>A <see cref="ChatClient"/> from <see cref="AzureOpenAIClient"/>; null retries keeps its built-in policy.</summary>
    public static ChatClient Azure(LlmSimulatorServer server, string deployment = "gpt-4o-deployment", int? maxRetries = 0)
    {
        var options = new AzureOpenAIClientOptions();
        if (maxRetries is int retries)
        {
            options.RetryPolicy = new ClientRetryPolicy(retries);
        }

        return new AzureOpenAIClient(server.BaseUri, new ApiKeyCredential(ApiKey), options).GetChatClient(deployment);
    }

    public static ChatMessage[] User(string prompt) => [new UserChatMessage(prompt)];
}
