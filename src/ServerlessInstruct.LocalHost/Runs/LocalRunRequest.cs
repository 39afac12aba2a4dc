using ServerlessInstruct.LlmSimulator;

namespace ServerlessInstruct.LocalHost.Runs;

/// <summary>Which LLM a local run talks to.</summary>
public enum LlmTarget
{
    /// <summary>The project's simulator, started in this process: no key, no cost.</summary>
    Simulator,

    /// <summary>Azure OpenAI: <see cref="LocalRunRequest.Endpoint"/> is the resource endpoint; a key from the environment or your Azure login.</summary>
    Azure,

    /// <summary>Any OpenAI-compatible base URL (OpenAI, vLLM, Ollama), including <c>/v1</c>.</summary>
    OpenAI,
}

/// <summary>A run of the pipeline on this machine, as the CLI's <c>run</c> command describes it.</summary>
public sealed record LocalRunRequest
{
    public required string SeedsPath { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>Per-run options, the same keys the blob metadata and the HTTP API take (<c>target</c>, <c>mode</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    public LlmTarget Llm { get; init; } = LlmTarget.Simulator;

    public Uri? Endpoint { get; init; }

    public string? Deployment { get; init; }

    /// <summary>How the in-process simulator behaves (latency, quota, faults) when <see cref="Llm"/> is the simulator; its quota also paces the calls.</summary>
    public SimulatorOptions Simulator { get; init; } = new();

    /// <summary>
    /// The Durable Task hub; null for the shared local hub, where running the same seed file again resumes or finds
    /// its run. Processes on one hub work on each other's activities, so a run that must stay apart (a benchmark)
    /// names its own.
    /// </summary>
    public string? TaskHub { get; init; }

    /// <summary>Where Azurite keeps its data when this run has to start it.</summary>
    public string StorageLocation { get; init; } = ".azurite";
}
