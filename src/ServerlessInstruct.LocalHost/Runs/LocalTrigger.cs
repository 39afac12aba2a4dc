using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Triggers;
using ServerlessInstruct.LocalHost.Azurite;

namespace ServerlessInstruct.LocalHost.Runs;

/// <summary>
/// Fires the blob trigger of a Functions host running locally (<c>func start</c>): Event Grid does not reach
/// Azurite, so after uploading the seed file this posts the BlobCreated event Event Grid would have delivered to the
/// host's blob extension webhook.
/// </summary>
public static class LocalTrigger
{
    public static async Task<Uri> UploadAndNotifyAsync(
        string seedsPath, Uri functionsHost, IReadOnlyDictionary<string, string> options, HttpClient http, CancellationToken cancellationToken)
    {
        var seeds = new BlobServiceClient(AzuriteServer.ConnectionString).GetBlobContainerClient(StorageClients.SeedsContainer);
        await seeds.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = seeds.GetBlobClient(Path.GetFileName(seedsPath));
        await using (var content = File.OpenRead(seedsPath))
        {
            await blob.UploadAsync(content, new BlobUploadOptions { Metadata = options.ToDictionary() }, cancellationToken);
        }

        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var webhook = new Uri(functionsHost, $"runtime/webhooks/blobs?functionName=Host.Functions.{nameof(StartRunOnSeedBlob)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook)
        {
            Content = JsonContent.Create(BlobCreatedEvent(blob.Uri, blob.Name, properties)),
        };
        request.Headers.Add("aeg-event-type", "Notification");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"The Functions host at {functionsHost} answered {(int)response.StatusCode} to the BlobCreated event. Is 'func start' running?");
        }

        return blob.Uri;
    }

    /// <summary>An Event Grid schema array with one <c>Microsoft.Storage.BlobCreated</c> event, as Event Grid posts it.</summary>
    public static JsonArray BlobCreatedEvent(Uri blobUri, string blobName, BlobProperties properties)
    {
        var id = Guid.NewGuid().ToString();
        return
        [
            new JsonObject
            {
                ["topic"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
                ["subject"] = $"/blobServices/default/containers/{StorageClients.SeedsContainer}/blobs/{blobName}",
                ["eventType"] = "Microsoft.Storage.BlobCreated",
                ["eventTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["id"] = id,
                ["data"] = new JsonObject
                {
                    ["api"] = "PutBlob",
                    ["clientRequestId"] = id,
                    ["requestId"] = id,
                    ["eTag"] = properties.ETag.ToString(),
                    ["contentType"] = properties.ContentType,
                    ["contentLength"] = properties.ContentLength,
                    ["blobType"] = "BlockBlob",
                    ["url"] = blobUri.ToString(),
                    ["sequencer"] = "0000000000000000000000000000000000000000000000000000000000000000",
                    ["storageDiagnostics"] = new JsonObject { ["batchId"] = id },
                },
                ["dataVersion"] = string.Empty,
                ["metadataVersion"] = "1",
            },
        ];
    }
}
