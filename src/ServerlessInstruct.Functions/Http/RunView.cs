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
        [DatasetFiles.Data, DatasetFiles.Rejected, DatasetFiles.Manifest, DatasetFiles.Alpaca, DatasetFiles.Chat, DatasetFiles.Report];

    public static RunView From(OrchestrationMetadata instance, bool includeDetails) => new(
        instance.InstanceId,
        instance.RuntimeStatus.ToString(),
        instance.CreatedAt,
        instance.LastUpdatedAt,
        includeDetails && instance.SerializedCustomStatus is not null ? instance.ReadCustomStatusAs<RunProgress>() : null,
        includeDetails && instance.IsCompleted && instance.SerializedOutput is not null ? instance.ReadOutputAs<RunSummary>() : null,
        includeDetails ? FilesOf(instance) : null);

    /// <summary>Where each of the run's files is; <c>mrc.json</c> only for a run in mode mrc, the one mode that writes it.</summary>
    private static Dictionary<string, string> FilesOf(OrchestrationMetadata instance)
    {
        var mrc = instance.SerializedInput is not null && instance.ReadInputAs<RunState>()?.Request.Options.Mode == PipelineMode.Mrc;
        return (mrc ? [.. OutputFiles, DatasetFiles.Mrc] : OutputFiles)
            .ToDictionary(f => f, f => $"{StorageClients.DatasetsContainer}/{DatasetFiles.PathFor(instance.InstanceId, f)}");
    }
}
