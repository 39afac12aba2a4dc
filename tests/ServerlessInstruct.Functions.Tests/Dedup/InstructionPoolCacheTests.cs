using ServerlessInstruct.Core.Similarity;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.LocalHost.Azurite;

namespace ServerlessInstruct.Functions.Tests.Dedup;

[Collection(AzuriteCollection.Name)]
public sealed class InstructionPoolCacheTests
{
    [Fact]
    public async Task A_worker_that_accepted_instructions_and_one_that_loaded_them_hold_the_same_machine_list()
    {
        var storage = new StorageClients(
            new Azure.Storage.Blobs.BlobServiceClient(AzuriteServer.ConnectionString),
            new Azure.Data.Tables.TableServiceClient(AzuriteServer.ConnectionString));
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var table = new InstructionPoolTable(storage);
        var key = new PoolKey($"pool-order-{Guid.NewGuid():N}", TokenizerKind.Rouge, 0.7);
        string[] accepted = ["Write a haiku about rain.", "Name three rivers in Africa.", "Explain how a lever works to a child."];

        var first = new InstructionPoolCache(table, TimeProvider.System);
        await first.UseForRoundAsync(key, "run-1", round: 1, async view =>
        {
            view.AddRange(accepted);
            await table.UpsertAsync(key.Scope, view.Accepted, CancellationToken.None);
            return 0;
        }, CancellationToken.None);
        var second = new InstructionPoolCache(table, TimeProvider.System);

        var live = await first.MachineInstructionsAsync(key, accepted.Length, CancellationToken.None);
        var loaded = await second.MachineInstructionsAsync(key, accepted.Length, CancellationToken.None);

        Assert.Equal(accepted.Order(StringComparer.Ordinal), live);
        Assert.Equal(live, loaded);
    }
}
