using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// <c>manifest.json</c>: how a run was configured, how it ended, and its counts. For instructions and instances,
/// generated = kept + the sum of rejected by reason.
/// </summary>
public sealed record RunManifest(
    string RunId,
    string Outcome,
    string? Error,
    string SeedBlob,
    string SeedETag,
    RunOptions Options,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    double DurationSeconds,
    int Rounds,
    ManifestSeeds Seeds,
    ManifestStage Instructions,
    ManifestStage Instances,
    int InstancesOverTarget,
    int Records,
    ManifestLlm Llm,
    IReadOnlyDictionary<string, string> Versions);

public sealed record ManifestSeeds(int Tasks, int Rejected);

public sealed record ManifestStage(int Generated, int Kept, IReadOnlyDictionary<string, int> Rejected);

/// <summary>LLM use, and the answers that could not be used, by <c>stage/reason</c>.</summary>
public sealed record ManifestLlm(int Calls, long PromptTokens, long CompletionTokens, long TotalTokens, decimal CostUsd, IReadOnlyDictionary<string, int> Problems);
