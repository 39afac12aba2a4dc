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
    /// The deployment batch runs send their calls to: on Azure OpenAI a deployment of type GlobalBatch of the same
    /// model (batch jobs need one); on OpenAI-compatible endpoints the model name. Empty: <see cref="Deployment"/>.
    /// </summary>
    public string? BatchDeployment { get; set; }

    /// <summary>
    /// Optional key. Leave empty in Azure: the app then authenticates with its managed identity.
    /// Keep it in local.settings.json or Key Vault, never in a committed file.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty uses the default credential chain.</summary>
    public string? ClientId { get; set; }

    /// <summary>Per-request timeout, so a hung call is retried instead of holding an activity forever.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries of transient failures (5xx, timeouts) inside one activity before the activity fails and Durable retries it.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// The deployment's tokens-per-minute quota. Calls are paced to it, each charged as Azure charges it at
    /// admission: the prompt's tokens plus max_tokens. Empty: no pacing, 429s alone slow the run down.
    /// </summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>The deployment's requests-per-minute quota (Azure grants 6 per 1,000 TPM); empty: not paced.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>
    /// Instances of the app sharing the deployment's quota. The pacing is per process, so each instance takes this
    /// share of it; set it to the plan's maximum instance count (429s still correct what this misses).
    /// </summary>
    public int Instances { get; set; } = 1;

    /// <summary>How long one call may keep waiting out 429s in total before its activity fails and Durable retries it later.</summary>
    public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromMinutes(5);
}
