using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Triggers;

/// <summary>
/// A seed file dropped into <c>seeds/</c> starts a run. Event Grid is the blob trigger source the Flex Consumption
/// plan supports; it delivers at least once, and the run id derived from the blob makes repeats harmless.
/// </summary>
public sealed partial class StartRunOnSeedBlob(RunStarter starter, ILogger<StartRunOnSeedBlob> logger)
{
    [Function(nameof(StartRunOnSeedBlob))]
    public async Task RunAsync(
        [BlobTrigger("seeds/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient seedBlob,
        string name,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var run = await starter.StartUploadedAsync(client, seedBlob, context.CancellationToken);
        LogTriggered(logger, name, run.RunId, run.Created);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed blob {BlobName} -> run {RunId} (new: {Created})")]
    static partial void LogTriggered(ILogger logger, string blobName, string runId, bool created);
}
