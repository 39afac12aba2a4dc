using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Similarity;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Tests.Pipeline;

/// <summary>
/// The whole Self-Instruct run: real Azurite, the in-process Durable engine running the Functions code, the LLM
/// simulator over HTTP. Checks what a user of the dataset would: the count, validity, no near-duplicates, a
/// manifest whose counts add up, and that retries and repeated triggers leave no trace.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SelfInstructPipelineTests
{
    private const int Target = 40;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly string SeedFile = RepositoryPaths.SampleSeedTasks;

    [Fact]
    public async Task A_seed_blob_becomes_a_dataset_of_the_target_size_with_no_near_duplicates()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var seed = await harness.UploadSeedAsync(SeedFile);

        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = Target.ToString(CultureInfo.InvariantCulture) });
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);

        Assert.Equal(RunOutcomes.Completed, summary.Outcome);
        var records = (await harness.ReadLinesAsync(run.RunId, DatasetFiles.Data))
            .Select(line => JsonSerializer.Deserialize(line, RecordJsonContext.Output.DatasetRecord)!)
            .ToList();
        Assert.Equal(Target, records.Count);
        Assert.Equal(Target, records.Select(r => r.Id).Distinct().Count());
        Assert.All(records, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Instruction));
            Assert.False(string.IsNullOrWhiteSpace(r.Output));
            Assert.NotEqual(r.Input, r.Output);
            Assert.Equal(run.RunId, r.RunId);
            // Up to 10 pool instructions sharing a token with it, none above the threshold (an instruction sharing no
            // token with the pool has none listed and a mean of 0).
            Assert.InRange(r.MostSimilarInstructions.Count, 0, 10);
            Assert.All(r.MostSimilarInstructions, s => Assert.InRange(s.Score, double.Epsilon, 0.7));
            Assert.Equal(r.MostSimilarInstructions.Select(s => s.Score).OrderDescending(), r.MostSimilarInstructions.Select(s => s.Score));
        });

        // Every kept instruction, checked greedily against the seeds and the ones before it by the brute-force oracle.
        var oracle = new BruteForceIndex(TokenizerKind.Rouge, 0.7);
        oracle.AddRange(File.ReadLines(SeedFile).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("instruction").GetString()!));
        foreach (var instruction in records.Select(r => r.Instruction).Distinct())
        {
            Assert.True(oracle.TryAdd(instruction), $"near-duplicate kept: {instruction}");
        }

        await AssertManifestAddsUpAsync(harness, run.RunId, Target);
    }

    [Fact]
    public async Task The_same_blob_version_triggered_twice_starts_one_run()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var seed = await harness.UploadSeedAsync(SeedFile, new Dictionary<string, string> { ["target"] = "5" });

        var first = await harness.StartAsync(seed);
        var second = await harness.StartAsync(seed);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.RunId, second.RunId);
        var (_, summary) = await harness.WaitAsync(first.RunId, Timeout);
        Assert.Equal(5, summary.Totals.Records);
        Assert.False((await harness.StartAsync(seed)).Created);
    }

    [Fact]
    public async Task Writes_whose_responses_are_lost_are_retried_without_duplicates()
    {
        // The first rejected.jsonl commit of a round and the first table batch of accepted instructions both succeed
        // in Azurite, then fail on the way back, so Durable Task retries WriteRound and FilterInstructions.
        var lostCommit = new FaultAfterResponsePolicy(m =>
            m.Request.Method == Azure.Core.RequestMethod.Put
            && m.Request.Uri.ToString().Contains("comp=blocklist", StringComparison.Ordinal)
            && m.Request.Uri.Path.EndsWith("/" + DatasetFiles.Rejected, StringComparison.Ordinal));
        var lostBatch = new FaultAfterResponsePolicy(m =>
            m.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)
            && FaultAfterResponsePolicy.RequestBody(m).Contains("\"Machine\"", StringComparison.Ordinal));
        await using var harness = await PipelineHarness.StartAsync(blobPolicies: [lostCommit], tablePolicies: [lostBatch]);
        var seed = await harness.UploadSeedAsync(SeedFile);

        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = Target.ToString(CultureInfo.InvariantCulture) });
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);

        Assert.Equal(1, lostCommit.Fired);
        Assert.Equal(1, lostBatch.Fired);
        var data = await harness.ReadLinesAsync(run.RunId, DatasetFiles.Data);
        Assert.Equal(Target, data.Count);
        Assert.Equal(data.Count, data.Distinct().Count());

        // One rejected line per counted rejection: none doubled by the retried write, none lost.
        var rejected = await harness.ReadLinesAsync(run.RunId, DatasetFiles.Rejected);
        Assert.Equal(summary.Totals.Rejected.Values.Sum(), rejected.Count);

        // One table row per kept instruction: the retried filter recognised its own rows and decided the same.
        var rows = harness.Storage.Instructions.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {run.RunId} and Kind eq {"Machine"}"));
        var count = 0;
        await foreach (var _ in rows)
        {
            count++;
        }

        Assert.Equal(summary.Totals.InstructionsKept, count);
        await AssertManifestAddsUpAsync(harness, run.RunId, Target);
    }

    private static async Task AssertManifestAddsUpAsync(PipelineHarness harness, string runId, int records)
    {
        var content = await harness.Get<DatasetStore>().ReadAsync(runId, DatasetFiles.Manifest, CancellationToken.None);
        Assert.NotNull(content);
        using var manifest = JsonDocument.Parse(content.ToString());
        var root = manifest.RootElement;
        Assert.Equal(records, root.GetProperty("records").GetInt32());
        foreach (var stage in new[] { "instructions", "instances" })
        {
            var counts = root.GetProperty(stage);
            var rejected = counts.GetProperty("rejected").EnumerateObject().Sum(p => p.Value.GetInt32());
            Assert.Equal(counts.GetProperty("generated").GetInt32(), counts.GetProperty("kept").GetInt32() + rejected);
        }

        Assert.True(root.GetProperty("llm").GetProperty("total_tokens").GetInt64() > 0);
    }
}
