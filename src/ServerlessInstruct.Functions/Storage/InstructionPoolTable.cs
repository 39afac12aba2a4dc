using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace ServerlessInstruct.Functions.Storage;

/// <summary>
/// The dedup pool in the <c>instructions</c> table: partition = dedup scope, row key = hash of the normalized
/// instruction. Writes are upserts of deterministic rows, so a retried activity rewrites its own rows unchanged.
/// </summary>
public sealed class InstructionPoolTable(StorageClients storage)
{
    private const int MaxBatch = 100;

    /// <summary>Rows of <paramref name="scope"/>, all of them or those written since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<PoolEntry>> LoadAsync(string scope, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var entries = new List<PoolEntry>();
        var filter = since is { } from
            ? TableClient.CreateQueryFilter($"PartitionKey eq {scope} and Timestamp ge {from}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {scope}");
        await foreach (var entity in storage.Instructions.QueryAsync<TableEntity>(
            filter, maxPerPage: 1000, select: ["Instruction", "Kind", "RunId", "Round"], cancellationToken: cancellationToken))
        {
            entries.Add(new PoolEntry(
                entity.GetString("Instruction") ?? string.Empty,
                Enum.TryParse<PoolEntryKind>(entity.GetString("Kind"), out var kind) ? kind : PoolEntryKind.Machine,
                entity.GetString("RunId") ?? string.Empty,
                entity.GetInt32("Round") ?? 0));
        }

        return entries;
    }

    public async Task UpsertAsync(string scope, IReadOnlyList<PoolEntry> entries, CancellationToken cancellationToken)
    {
        // A transaction takes unique row keys; the same normalized text twice is one row anyway.
        var unique = entries.DistinctBy(e => RowKeyFor(e.Instruction)).ToList();
        foreach (var chunk in unique.Chunk(MaxBatch))
        {
            var actions = chunk.Select(entry => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(scope, RowKeyFor(entry.Instruction))
                {
                    ["Instruction"] = entry.Instruction,
                    ["Kind"] = entry.Kind.ToString(),
                    ["RunId"] = entry.RunId,
                    ["Round"] = entry.Round,
                }));
            await storage.Instructions.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <summary>
    /// The row key: SHA-256 of the instruction after NFKC, lowercasing and whitespace folding, so trivially
    /// different spellings of one instruction land on one row.
    /// </summary>
    public static string RowKeyFor(string instruction)
    {
        var normalized = string.Join(' ', instruction.Normalize(NormalizationForm.FormKC)
            .ToLower(CultureInfo.InvariantCulture)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    /// <summary>Deletes the machine instructions a run added to a scope, so a run that starts over starts from its seeds.</summary>
    public Task DeleteMachineRowsAsync(string scope, string runId, CancellationToken cancellationToken) =>
        DeleteMachineRowsWhereAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {scope} and RunId eq {runId} and Kind eq {nameof(PoolEntryKind.Machine)}"), cancellationToken);

    /// <summary>The same for every scope whose name starts with <paramref name="prefix"/> (mrc's per-passage partitions).</summary>
    public Task DeleteMachineRowsUnderAsync(string prefix, string runId, CancellationToken cancellationToken) =>
        // U+FFFF sorts after every character a scope is made of, so the range holds exactly the names with the prefix.
        DeleteMachineRowsWhereAsync(
            TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + '\uffff'} and RunId eq {runId} and Kind eq {nameof(PoolEntryKind.Machine)}"),
            cancellationToken);

    private async Task DeleteMachineRowsWhereAsync(string filter, CancellationToken cancellationToken)
    {
        var rows = new List<(string Partition, string Row)>();
        await foreach (var entity in storage.Instructions.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add((entity.PartitionKey, entity.RowKey));
        }

        // A transaction stays within one partition.
        foreach (var partition in rows.GroupBy(r => r.Partition))
        {
            foreach (var chunk in partition.Chunk(MaxBatch))
            {
                var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.Partition, r.Row)));
                await storage.Instructions.SubmitTransactionAsync(actions, cancellationToken);
            }
        }
    }
}
