using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Functions.Storage;

/// <summary>
/// Seed files in, and each run's parsed seed snapshot (<c>datasets/{runId}/seeds.json</c>) out and back. Activities
/// read the snapshot, not the original blob, so overwriting a seed file never changes a run in flight.
/// </summary>
public sealed class SeedStore(StorageClients storage, DatasetStore datasets)
{
    /// <summary>The reason code when the seed blob no longer matches the ETag the run started from.</summary>
    public const string SeedBlobChanged = "seed-blob-changed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, IReadOnlyList<SeedTask>> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MrcSource> _mrcSnapshots = new(StringComparer.Ordinal);

    /// <summary>
    /// Parses the seed blob as it was when the run started. Throws <see cref="SeedFileException"/> for a file
    /// that cannot be used (too large, wrong encoding, nothing valid), with a message for the user.
    /// </summary>
    public Task<SeedReadResult> ReadSeedBlobAsync(string blobName, string eTag, SeedLimits limits, CancellationToken cancellationToken) =>
        ReadBlobAsync(blobName, eTag, limits, stream => SeedReader.ReadAsync(stream, limits, cancellationToken), cancellationToken);

    /// <summary>Parses the seed blob as reading-comprehension data (mrc mode), span checks included.</summary>
    public Task<MrcReadResult> ReadMrcBlobAsync(string blobName, string eTag, SeedLimits limits, MrcReadOptions options, CancellationToken cancellationToken) =>
        ReadBlobAsync(blobName, eTag, limits, stream => MrcReader.ReadAsync(stream, limits, options, cancellationToken), cancellationToken);

    public async Task SaveMrcSnapshotAsync(string runId, MrcSource source, CancellationToken cancellationToken)
    {
        await datasets.WriteAsync(runId, DatasetFiles.MrcSource, BinaryData.FromObjectAsJson(source, Json), cancellationToken);
        _mrcSnapshots[runId] = source;
    }

    /// <summary>An mrc run's span-checked questions, read once per worker.</summary>
    public async Task<MrcSource> GetMrcSnapshotAsync(string runId, CancellationToken cancellationToken)
    {
        if (_mrcSnapshots.TryGetValue(runId, out var cached))
        {
            return cached;
        }

        var content = await datasets.ReadAsync(runId, DatasetFiles.MrcSource, cancellationToken)
            ?? throw new InvalidOperationException($"Run '{runId}' has no MRC snapshot; its first step has not completed.");
        var loaded = content.ToObjectFromJson<MrcSource>(Json)
            ?? throw new InvalidOperationException($"Run '{runId}' has an empty MRC snapshot.");
        _mrcSnapshots[runId] = loaded;
        return loaded;
    }

    private async Task<T> ReadBlobAsync<T>(string blobName, string eTag, SeedLimits limits, Func<Stream, Task<T>> read, CancellationToken cancellationToken)
    {
        var blob = storage.Seeds.GetBlobClient(blobName);
        try
        {
            var properties = await blob.GetPropertiesAsync(new BlobRequestConditions { IfMatch = new ETag(eTag) }, cancellationToken);
            if (properties.Value.ContentLength > limits.MaxBytes)
            {
                throw new SeedFileException(
                    SeedFileErrors.TooLarge,
                    $"The seed file is {properties.Value.ContentLength:N0} bytes, over the {limits.MaxBytes:N0}-byte limit (Pipeline__MaxSeedBytes); it was not read.");
            }

            await using var stream = await blob.OpenReadAsync(
                new BlobOpenReadOptions(allowModifications: false) { Conditions = new BlobRequestConditions { IfMatch = new ETag(eTag) } },
                cancellationToken);
            return await read(stream);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw new SeedFileException(
                SeedBlobChanged,
                $"The seed blob '{blobName}' was deleted or replaced after the run started; upload it again to start a new run.");
        }
    }

    public async Task SaveSnapshotAsync(string runId, IReadOnlyList<SeedTask> tasks, CancellationToken cancellationToken)
    {
        await datasets.WriteAsync(runId, DatasetFiles.Seeds, BinaryData.FromObjectAsJson(tasks, Json), cancellationToken);
        _snapshots[runId] = tasks;
    }

    /// <summary>The run's seeds, read once per worker.</summary>
    public async Task<IReadOnlyList<SeedTask>> GetSnapshotAsync(string runId, CancellationToken cancellationToken)
    {
        if (_snapshots.TryGetValue(runId, out var cached))
        {
            return cached;
        }

        var loaded = await LoadSnapshotAsync(runId, cancellationToken);
        _snapshots[runId] = loaded;
        return loaded;
    }

    /// <summary>Drops a finished run's seeds from this worker's memory.</summary>
    public void Forget(string runId)
    {
        _snapshots.TryRemove(runId, out _);
        _mrcSnapshots.TryRemove(runId, out _);
    }

    private async Task<IReadOnlyList<SeedTask>> LoadSnapshotAsync(string runId, CancellationToken cancellationToken)
    {
        var content = await datasets.ReadAsync(runId, DatasetFiles.Seeds, cancellationToken)
            ?? throw new InvalidOperationException($"Run '{runId}' has no seed snapshot; its first step has not completed.");
        return content.ToObjectFromJson<List<SeedTask>>(Json) ?? [];
    }
}
