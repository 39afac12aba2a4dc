using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace ServerlessInstruct.Functions.Storage;

/// <summary>
/// Writes a run's files under <c>datasets/{runId}/</c>. JSONL files grow one block per round with a block id
/// derived from the round, so an activity that runs twice stages the same block again and commits it once:
/// no line is doubled or lost.
/// </summary>
public sealed class DatasetStore(StorageClients storage)
{
    private const string JsonLines = "application/x-ndjson; charset=utf-8";
    private const string Json = "application/json; charset=utf-8";

    /// <summary>Appends <paramref name="lines"/> as round <paramref name="round"/> of the file; a no-op if that round is already there.</summary>
    public async Task AppendRoundAsync(string runId, string file, int round, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }

        var blob = storage.Datasets.GetBlockBlobClient(DatasetFiles.PathFor(runId, file));
        var blockId = BlockIdFor(round);
        var committed = await CommittedBlocksAsync(blob, cancellationToken);
        if (committed.Contains(blockId))
        {
            return;
        }

        var payload = new StringBuilder();
        foreach (var line in lines)
        {
            payload.Append(line).Append('\n');
        }

        using (var content = new MemoryStream(Encoding.UTF8.GetBytes(payload.ToString())))
        {
            await blob.StageBlockAsync(blockId, content, cancellationToken: cancellationToken);
        }

        // Later rounds cannot be committed before this one (rounds run in order), so sorting only guards the invariant.
        var blocks = committed.Append(blockId).Order(StringComparer.Ordinal).ToList();
        await blob.CommitBlockListAsync(
            blocks,
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = JsonLines } },
            cancellationToken);
    }

    /// <summary>Writes a whole file (manifest, exports); overwriting with the same content is the idempotent case.</summary>
    public async Task WriteAsync(string runId, string file, BinaryData content, CancellationToken cancellationToken)
    {
        var blob = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(runId, file));
        await blob.UploadAsync(
            content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = file.EndsWith(".jsonl", StringComparison.Ordinal) ? JsonLines : Json } },
            cancellationToken);
    }

    /// <summary>Reads a file, or null when the run has not written it.</summary>
    public async Task<BinaryData?> ReadAsync(string runId, string file, CancellationToken cancellationToken)
    {
        var blob = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(runId, file));
        try
        {
            var result = await blob.DownloadContentAsync(cancellationToken);
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Reads a JSONL file line by line, without holding the whole file in memory.</summary>
    public async IAsyncEnumerable<string> ReadLinesAsync(
        string runId,
        string file,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blob = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(runId, file));
        Stream stream;
        try
        {
            stream = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            yield break;
        }

        await using (stream)
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    yield return line;
                }
            }
        }
    }

    /// <summary>Deletes everything a run has written.</summary>
    public async Task DeleteRunAsync(string runId, CancellationToken cancellationToken)
    {
        await foreach (var item in storage.Datasets.GetBlobsAsync(BlobTraits.None, BlobStates.None, runId + "/", cancellationToken))
        {
            await storage.Datasets.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
        }
    }

    internal static string BlockIdFor(int round) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"round-{round:D8}"));

    private static async Task<List<string>> CommittedBlocksAsync(BlockBlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var list = await blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: cancellationToken);
            return list.Value.CommittedBlocks.Select(b => b.Name).ToList();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
