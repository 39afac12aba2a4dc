namespace ServerlessInstruct.Functions.Options;

/// <summary>Where the LLM is, bound from the <c>Llm</c> configuration section.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary><c>azure</c> (Azure OpenAI) or <c>openai</c> (any OpenAI-compatible base URL: OpenAI, vLLM, Ollama, the simulator).</summary>
    public string Provider { get; set; } = "azure";

    /// <summary>Azure OpenAI resource endpoint, or the OpenAI-compatible base URL including <c>/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Azure deployment name or OpenAI model name.</summary>
    public string Deployment { get; set; } = "gpt-4o-mini";

    /// <summary>
    /// Optional key. Leave empty in Azure: the app then authenticates with its managed identity.
    /// Keep it in local.settings.json or Key Vault, never in a committed file.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty uses the default credential chain.</summary>
    public string? ClientId { get; set; }

    /// <summary>Per-request timeout, so a hung call is retried instead of holding an activity forever.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries inside one activity (the client honours Retry-After) before the activity fails and Durable retries it.</summary>
    public int MaxRetries { get; set; } = 4;
}
