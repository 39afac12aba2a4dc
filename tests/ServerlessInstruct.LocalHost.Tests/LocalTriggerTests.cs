using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using ServerlessInstruct.LocalHost.Azurite;
using ServerlessInstruct.LocalHost.Runs;

namespace ServerlessInstruct.LocalHost.Tests;

/// <summary><c>serverless-instruct trigger</c>: what a local <c>func start</c> host receives in place of Event Grid.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalTriggerTests
{
    [Fact]
    public async Task Uploads_with_options_as_metadata_and_posts_a_blob_created_event_to_the_blob_webhook()
    {
        var file = Path.Combine(Path.GetTempPath(), $"trigger-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, file);
        var handler = new CapturingHandler();
        try
        {
            var blobUri = await LocalTrigger.UploadAndNotifyAsync(
                file, new Uri("http://localhost:7071/"), new Dictionary<string, string> { ["target"] = "25" }, new HttpClient(handler), CancellationToken.None);

            var request = Assert.Single(handler.Requests);
            Assert.Equal("/runtime/webhooks/blobs", request.Uri.AbsolutePath);
            Assert.Equal("?functionName=Host.Functions.StartRunOnSeedBlob", request.Uri.Query);
            Assert.Equal("Notification", request.EventType);

            var blob = new BlobServiceClient(AzuriteServer.ConnectionString).GetBlobContainerClient("seeds").GetBlobClient(Path.GetFileName(file));
            var properties = (await blob.GetPropertiesAsync()).Value;
            Assert.Equal("25", properties.Metadata["target"]);

            using var body = JsonDocument.Parse(request.Body);
            var notification = Assert.Single(body.RootElement.EnumerateArray().ToList());
            Assert.Equal("Microsoft.Storage.BlobCreated", notification.GetProperty("eventType").GetString());
            Assert.Equal($"/blobServices/default/containers/seeds/blobs/{Path.GetFileName(file)}", notification.GetProperty("subject").GetString());
            Assert.Equal(blobUri.ToString(), notification.GetProperty("data").GetProperty("url").GetString());
            Assert.Equal(properties.ETag.ToString(), notification.GetProperty("data").GetProperty("eTag").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_host_that_is_not_running_is_named_in_the_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"trigger-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, "Give three tips for staying healthy.\n");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalTrigger.UploadAndNotifyAsync(
                file, new Uri("http://localhost:7071/"), new Dictionary<string, string>(),
                new HttpClient(new CapturingHandler(HttpStatusCode.NotFound)), CancellationToken.None));
            Assert.Contains("func start", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed class CapturingHandler(HttpStatusCode status = HttpStatusCode.Accepted) : HttpMessageHandler
    {
        public List<(Uri Uri, string? EventType, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((
                request.RequestUri!,
                request.Headers.TryGetValues("aeg-event-type", out var values) ? values.Single() : null,
                await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(status);
        }
    }
}
