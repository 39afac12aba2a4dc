using Microsoft.DurableTask.Client;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Http;

/// <summary>A run as the HTTP API shows it.</summary>
public sealed record RunView(
    string RunId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    RunProgress? Progress,
    RunSummary? Summary,
    IReadOnlyDictionary<string, string>? Files)
{
    private static readonly string[] OutputFiles =
        [DatasetFiles.Data, DatasetFiles.Rejected, DatasetFiles.Manifest, DatasetFiles.Alpaca, DatasetFiles.Chat];

    public static RunView From(OrchestrationMetadata instance, bool includeDetails) => new(
        instance.InstanceId,
        instance.RuntimeStatus.ToString(),
        instance.CreatedAt,
        instance.LastUpdatedAt,
        includeDetails && instance.SerializedCustomStatus is not null ? instance.ReadCustomStatusAs<RunProgress>() : null,
        includeDetails && instance.IsCompleted && instance.SerializedOutput is not null ? instance.ReadOutputAs<RunSummary>() : null,
        includeDetails
            ? OutputFiles.ToDictionary(f => f, f => $"{StorageClients.DatasetsContainer}/{DatasetFiles.PathFor(instance.InstanceId, f)}")
            : null);
}
