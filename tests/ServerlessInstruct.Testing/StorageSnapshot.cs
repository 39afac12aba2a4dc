using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Testing;

/// <summary>
/// Everything a run can leave in storage: its blobs under <c>datasets/{runId}/</c> (content and content type) and the
/// rows of its dedup scope (every property but the service's own Timestamp and ETag), keyed so two snapshots compare
/// entry by entry.
/// </summary>
public sealed record StorageSnapshot(IReadOnlyDictionary<string, string> Entries)
{
    public static async Task<StorageSnapshot> TakeAsync(StorageClients storage, string runId, string dedupScope)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var item in storage.Datasets.GetBlobsAsync(BlobTraits.None, BlobStates.None, runId + "/", CancellationToken.None))
        {
            var content = await storage.Datasets.GetBlobClient(item.Name).DownloadContentAsync();
            entries[$"blob {item.Name}"] = $"{content.Value.Details.ContentType}\n{content.Value.Content}";
        }

        // The scope's own partition and its per-passage partitions (mrc), which are named after it.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {dedupScope} or (PartitionKey ge {dedupScope + "-mrc-"} and PartitionKey lt {dedupScope + "-mrc-\uffff"})");
        await foreach (var row in storage.Instructions.QueryAsync<TableEntity>(filter))
        {
            var properties = row.Keys
                .Where(k => k is not ("Timestamp" or "odata.etag"))
                .Order(StringComparer.Ordinal)
                .ToDictionary(k => k, k => row[k]?.ToString());
            entries[$"row {row.PartitionKey}/{row.RowKey}"] = JsonSerializer.Serialize(properties);
        }

        // A batch run's call book: its prompts, answers and the jobs it submitted.
        await foreach (var row in storage.BatchCalls.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {runId}")))
        {
            entries[$"call {row.RowKey}"] = JsonSerializer.Serialize(row.Keys
                .Where(k => k is not ("Timestamp" or "odata.etag"))
                .Order(StringComparer.Ordinal)
                .ToDictionary(k => k, k => row[k]?.ToString()));
        }

        return new StorageSnapshot(entries);
    }

    /// <summary>Asserts the same entries with the same content, naming the first that differs.</summary>
    public void AssertSameAs(StorageSnapshot expected, string step)
    {
        Assert.True(
            expected.Entries.Keys.SequenceEqual(Entries.Keys),
            $"{step} run again changed which blobs and rows exist: before [{string.Join(", ", expected.Entries.Keys)}], after [{string.Join(", ", Entries.Keys)}]");
        foreach (var (key, content) in expected.Entries)
        {
            Assert.True(content == Entries[key], $"{step} run again changed {key}:\n--- first run\n{content}\n--- second run\n{Entries[key]}");
        }
    }
}
