using System.Net.Http.Headers;
using Azure.Core;
using ServerlessInstruct.Functions.Hosting;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Llm.Batches;

/// <summary>
/// Where the Files and Batches APIs are and how to sign requests to them: Azure OpenAI (<c>{endpoint}/openai/files</c>,
/// <c>/openai/batches</c> with an api-version, a key or an Entra token) or an OpenAI-compatible base URL
/// (<c>{endpoint}/files</c>, <c>/batches</c>, a bearer key).
/// </summary>
public sealed class BatchEndpoint
{
    /// <summary>The first GA api-version with the Batch API.</summary>
    public const string AzureApiVersion = "2024-10-21";

    private static readonly string[] CognitiveServicesScope = ["https://cognitiveservices.azure.com/.default"];

    private readonly Uri _root;
    private readonly string? _apiVersion;
    private readonly Func<CancellationToken, ValueTask<(string Name, string Value)>> _authorization;

    private BatchEndpoint(Uri root, string? apiVersion, string lineUrl, Func<CancellationToken, ValueTask<(string Name, string Value)>> authorization)
    {
        _root = root;
        _apiVersion = apiVersion;
        LineUrl = lineUrl;
        _authorization = authorization;
    }

    /// <summary>The <c>url</c> of every line of an input file, and the batch's endpoint.</summary>
    public string LineUrl { get; }

    /// <exception cref="InvalidOperationException">No endpoint or an unknown provider is configured.</exception>
    public static BatchEndpoint From(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Endpoint ?? throw new InvalidOperationException(
            "The LLM endpoint is not configured: set 'Llm__Endpoint' (and 'Llm__Provider' to 'azure' or 'openai').");
        var key = options.ApiKey;
        switch (options.Provider.Trim().ToLowerInvariant())
        {
            case "azure":
                var root = new Uri(endpoint.ToString().TrimEnd('/') + "/openai/");
                if (!string.IsNullOrWhiteSpace(key))
                {
                    return new BatchEndpoint(root, AzureApiVersion, "/chat/completions", _ => ValueTask.FromResult(("api-key", key)));
                }

                var credential = AzureCredentials.Create(options.ClientId);
                return new BatchEndpoint(root, AzureApiVersion, "/chat/completions", async cancellationToken =>
                {
                    AccessToken token = await credential.GetTokenAsync(new TokenRequestContext(CognitiveServicesScope), cancellationToken);
                    return ("Authorization", "Bearer " + token.Token);
                });

            case "openai":
                var bearer = "Bearer " + (string.IsNullOrWhiteSpace(key) ? "none" : key);
                return new BatchEndpoint(new Uri(endpoint.ToString().TrimEnd('/') + "/"), null, "/v1/chat/completions",
                    _ => ValueTask.FromResult(("Authorization", bearer)));

            default:
                throw new InvalidOperationException($"Unknown LLM provider '{options.Provider}': use 'azure' or 'openai'.");
        }
    }

    /// <summary>A request to <paramref name="path"/> (<c>files</c>, <c>batches/{id}</c>...), signed.</summary>
    public async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var uri = new Uri(_root, _apiVersion is null ? path : $"{path}?api-version={_apiVersion}");
        var request = new HttpRequestMessage(method, uri);
        var (name, value) = await _authorization(cancellationToken);
        if (name == "Authorization")
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(value);
        }
        else
        {
            request.Headers.Add(name, value);
        }

        return request;
    }
}
