using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Llm.Batches;

/// <summary>
/// A batch run's LLM calls in the <see cref="StorageClients.BatchCallsTable"/> table, one row per distinct prompt (partition = run id, row key =
/// the prompt's hash, which is also the line's custom_id): pending until a batch takes it, submitted with the batch's
/// id, then answered or failed. Activities read their answers here when they run again after the batch, so a call is
/// paid once however often its activity runs. Texts longer than a table property are split over several properties.
/// </summary>
public sealed class BatchCallBook(StorageClients storage)
{
    private const int MaxTransaction = 100;

    // A table property holds 64 KiB: 30,000 UTF-16 characters leave room for surrogates and escaping.
    private const int PropertyChars = 30_000;

    private const string JobPrefix = "job-";

    private TableClient Table => storage.BatchCalls;

    /// <summary>The custom_id of a prompt: the same prompt in the same run is one call with one answer.</summary>
    public static string KeyOf(ChatPrompt prompt) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(prompt, BatchJson.Options)))[..40];

    public async Task<BatchCallEntry?> FindAsync(string runId, string key, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(runId, key, cancellationToken: cancellationToken);
        return found.HasValue ? Read(found.Value!) : null;
    }

    /// <summary>
    /// Puts <paramref name="prompt"/> in line for the next batch: added when new, or sent again when its last line failed.
    /// A row already pending, submitted or answered is left as it is, so an activity that runs twice queues its call once.
    /// </summary>
    public async Task QueueAsync(string runId, string key, ChatPrompt prompt, BatchCallEntry? existing, CancellationToken cancellationToken)
    {
        if (existing is null)
        {
            var entity = new TableEntity(runId, key) { ["Status"] = BatchCallStatus.Pending, ["Attempts"] = 0 };
            Split(entity, "Prompt", JsonSerializer.Serialize(prompt, BatchJson.Options));
            try
            {
                await Table.AddEntityAsync(entity, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Queued by another execution of the same activity in the meantime.
            }

            return;
        }

        if (existing.Status == BatchCallStatus.Failed)
        {
            var update = new TableEntity(runId, key) { ["Status"] = BatchCallStatus.Pending, ["BatchId"] = string.Empty };
            try
            {
                await Table.UpdateEntityAsync(update, existing.ETag, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another execution queued it again first.
            }
        }
    }

    /// <summary>The calls waiting for a batch, at most <paramref name="max"/>, with their prompts.</summary>
    public Task<IReadOnlyList<BookedCall>> PendingAsync(string runId, int max, CancellationToken cancellationToken) =>
        CallsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {runId} and Status eq {BatchCallStatus.Pending}"), max, cancellationToken);

    /// <summary>The calls of batch <paramref name="batchId"/> still waiting for its results.</summary>
    public Task<IReadOnlyList<BookedCall>> SubmittedAsync(string runId, string batchId, CancellationToken cancellationToken) =>
        CallsAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {runId} and Status eq {BatchCallStatus.Submitted} and BatchId eq {batchId}"),
            int.MaxValue,
            cancellationToken);

    public Task MarkSubmittedAsync(string runId, IReadOnlyList<BookedCall> calls, string batchId, CancellationToken cancellationToken) =>
        MergeAsync(runId, calls.Select(c => new TableEntity(runId, c.Call.CustomId) { ["Status"] = BatchCallStatus.Submitted, ["BatchId"] = batchId }), cancellationToken);

    /// <summary>Keeps each line's answer, or its error with one more attempt counted against <paramref name="calls"/>' attempts.</summary>
    public Task RecordAsync(string runId, IReadOnlyList<BookedCall> calls, IReadOnlyList<BatchLineResult> results, CancellationToken cancellationToken)
    {
        var attempts = calls.ToDictionary(c => c.Call.CustomId, c => c.Attempts, StringComparer.Ordinal);
        return MergeAsync(runId, results.Select(r =>
        {
            var entity = new TableEntity(runId, r.CustomId);
            if (r.Completion is { } completion)
            {
                entity["Status"] = BatchCallStatus.Answered;
                Split(entity, "Answer", JsonSerializer.Serialize(completion, BatchJson.Options));
            }
            else
            {
                entity["Status"] = BatchCallStatus.Failed;
                entity["Error"] = r.Error ?? "no answer";
                entity["Attempts"] = attempts.GetValueOrDefault(r.CustomId) + 1;
            }

            return entity;
        }), cancellationToken);
    }

    /// <summary>
    /// A batch that failed as a whole: its calls wait for the next batch, no attempt counted against them. They keep
    /// the batch's id until the next batch takes them, so <see cref="TallyAsync"/> still finds them.
    /// </summary>
    public Task RequeueAsync(string runId, IReadOnlyList<BookedCall> calls, CancellationToken cancellationToken) =>
        MergeAsync(runId, calls.Select(c => new TableEntity(runId, c.Call.CustomId) { ["Status"] = BatchCallStatus.Pending }), cancellationToken);

    /// <summary>How batch <paramref name="batchId"/>'s calls ended: read from the rows, so counting again gives the same.</summary>
    public async Task<CollectedBatch> TallyAsync(string runId, string batchId, CancellationToken cancellationToken)
    {
        var statuses = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {runId} and BatchId eq {batchId}"), maxPerPage: 1000, select: ["Status"], cancellationToken: cancellationToken))
        {
            statuses.Add(row.GetString("Status") ?? string.Empty);
        }

        return new CollectedBatch(
            statuses.Count(s => s == BatchCallStatus.Answered),
            statuses.Count(s => s == BatchCallStatus.Failed),
            statuses.Count(s => s == BatchCallStatus.Pending));
    }

    /// <summary>The batch a round's <paramref name="job"/>-th submission created, so a submission that runs again adopts it.</summary>
    public async Task<string?> FindJobAsync(string runId, string job, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(runId, JobPrefix + job, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetString("BatchId") : null;
    }

    public Task SaveJobAsync(string runId, string job, string batchId, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(runId, JobPrefix + job) { ["BatchId"] = batchId }, TableUpdateMode.Replace, cancellationToken);

    private async Task<IReadOnlyList<BookedCall>> CallsAsync(string filter, int max, CancellationToken cancellationToken)
    {
        var calls = new List<BookedCall>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (calls.Count >= max)
            {
                break;
            }

            calls.Add(new BookedCall(
                new BatchCall(entity.RowKey, JsonSerializer.Deserialize<ChatPrompt>(Join(entity, "Prompt"), BatchJson.Options)!),
                entity.GetInt32("Attempts") ?? 0));
        }

        return calls;
    }

    private async Task MergeAsync(string runId, IEnumerable<TableEntity> entities, CancellationToken cancellationToken)
    {
        foreach (var chunk in entities.Chunk(MaxTransaction))
        {
            await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, e)), cancellationToken);
        }
    }

    private static BatchCallEntry Read(TableEntity entity)
    {
        var answer = Join(entity, "Answer");
        return new BatchCallEntry(
            entity.GetString("Status") ?? BatchCallStatus.Pending,
            answer.Length == 0 ? null : JsonSerializer.Deserialize<LlmCompletion>(answer, BatchJson.Options),
            entity.GetString("Error"),
            entity.GetInt32("Attempts") ?? 0,
            entity.ETag);
    }

    private static void Split(TableEntity entity, string name, string text)
    {
        var parts = 0;
        for (var start = 0; start < text.Length; parts++)
        {
            // Never cut a surrogate pair in two: each property must hold valid UTF-16 on its own.
            var end = Math.Min(text.Length, start + PropertyChars);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end--;
            }

            entity[$"{name}{parts}"] = text[start..end];
            start = end;
        }

        entity[name + "Parts"] = parts;
    }

    private static string Join(TableEntity entity, string name)
    {
        var parts = entity.GetInt32(name + "Parts") ?? 0;
        var text = new StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            text.Append(entity.GetString($"{name}{i}"));
        }

        return text.ToString();
    }
}

/// <summary>A call as the book holds it: the line to send, and how many of its lines failed so far.</summary>
public sealed record BookedCall(BatchCall Call, int Attempts);

/// <summary>One call's row: its status, and its answer or last error.</summary>
public sealed record BatchCallEntry(string Status, LlmCompletion? Answer, string? Error, int Attempts, ETag ETag);

public static class BatchCallStatus
{
    public const string Pending = "pending";
    public const string Submitted = "submitted";
    public const string Answered = "answered";
    public const string Failed = "failed";
}

/// <summary>How prompts and answers are written to the call book and carried through activities, the same on every side.</summary>
public static class BatchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
