using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// A run's last step: <c>manifest.json</c> and the exports (Alpaca JSON array, chat-format JSONL for Azure OpenAI
/// fine-tuning), all rebuilt from <c>data.jsonl</c>, so running it again writes the same files.
/// </summary>
public sealed class FinalizeRun(DatasetStore datasets, StorageClients storage, SeedStore seeds, TimeProvider time)
    : IPipelineActivity<FinalizeRunInput, string>
{
    static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Function(nameof(FinalizeRun))]
    public Task<string> Run([ActivityTrigger] FinalizeRunInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<string> RunAsync(FinalizeRunInput input, CancellationToken cancellationToken)
    {
        var runId = input.State.Request.RunId;
        await ExportAsync(runId, DatasetFiles.Alpaca, ExportFormat.AlpacaJson, cancellationToken);
        await ExportAsync(runId, DatasetFiles.Chat, ExportFormat.ChatJsonLines, cancellationToken);

        var manifest = Build(input, time.GetUtcNow());
        await datasets.WriteAsync(runId, DatasetFiles.Manifest, BinaryData.FromObjectAsJson(manifest, ManifestJson), cancellationToken);
        seeds.Forget(runId);
        return DatasetFiles.PathFor(runId, DatasetFiles.Manifest);
    }

    internal static RunManifest Build(FinalizeRunInput input, DateTimeOffset finishedAt)
    {
        var state = input.State;
        var totals = state.Totals;
        var request = state.Request;
        return new RunManifest(
            request.RunId,
            input.Outcome,
            input.Error,
            request.SeedBlob,
            request.SeedETag,
            request.Options,
            request.RequestedAt,
            finishedAt,
            Math.Round((finishedAt - request.RequestedAt).TotalSeconds, 3),
            state.Round,
            new ManifestSeeds(state.SeedTasks, totals.RejectedIn(PipelineReasons.SeedStage)),
            new ManifestStage(totals.InstructionsGenerated, totals.InstructionsKept, ReasonsIn(totals, PipelineStages.InstructionFilter)),
            new ManifestStage(totals.InstancesGenerated, totals.InstancesKept, ReasonsIn(totals, PipelineStages.InstanceFilter)),
            totals.InstancesOverTarget,
            totals.Records,
            new ManifestLlm(
                totals.Usage.Calls,
                totals.Usage.PromptTokens,
                totals.Usage.CompletionTokens,
                totals.Usage.TotalTokens,
                totals.Usage.CostUsd,
                totals.Rejected
                    .Where(r => !r.Key.StartsWith(PipelineStages.InstructionFilter + "/", StringComparison.Ordinal)
                        && !r.Key.StartsWith(PipelineStages.InstanceFilter + "/", StringComparison.Ordinal)
                        && !r.Key.StartsWith(PipelineReasons.SeedStage + "/", StringComparison.Ordinal))
                    .ToDictionary()),
            Versions());
    }

    static Dictionary<string, int> ReasonsIn(RunTotals totals, string stage) =>
        totals.Rejected
            .Where(r => r.Key.StartsWith(stage + "/", StringComparison.Ordinal))
            .ToDictionary(r => r.Key[(stage.Length + 1)..], r => r.Value);

    static Dictionary<string, string> Versions() => new()
    {
        ["serverless_instruct"] = typeof(FinalizeRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        ["dotnet"] = Environment.Version.ToString(),
    };

    async Task ExportAsync(string runId, string file, ExportFormat format, CancellationToken cancellationToken)
    {
        var source = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(runId, DatasetFiles.Data));
        var target = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(runId, file));
        if (!await source.ExistsAsync(cancellationToken))
        {
            await target.UploadAsync(BinaryData.FromString(format == ExportFormat.AlpacaJson ? "[]\n" : string.Empty), overwrite: true, cancellationToken);
            return;
        }

        await using var input = await source.OpenReadAsync(cancellationToken: cancellationToken);
        await using var output = await target.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);
        await DatasetWriter.ConvertAsync(input, output, format, cancellationToken);
    }
}
