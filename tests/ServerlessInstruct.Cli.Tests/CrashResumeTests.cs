using System.Globalization;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using ServerlessInstruct.Functions.Runs;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.LlmSimulator;
using ServerlessInstruct.LocalHost.Azurite;
using Xunit.Abstractions;

namespace ServerlessInstruct.Cli.Tests;

/// <summary>
/// <c>serverless-instruct run</c> killed mid-run and run again with the same command: the Durable Task state in
/// Azurite outlives the process, so the second process resumes the run. The simulator lives in the test process, so
/// its counters see the LLM calls of both processes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashResumeTests(ITestOutputHelper output) : IDisposable
{
    private const int Target = 60;

    // GenerateInstances makes two calls (classification, then instances); nothing else makes more than one.
    private const int MostCallsPerActivity = 2;

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("serverless-instruct-crash-").FullName;

    /// <summary>
    /// Killed once a step is written while later calls are in flight, with 2 and with 8 calls in flight: the pipeline's
    /// stages overlap then (filters and writes of some steps while other steps' generation and instance calls are out).
    /// With 8 in flight, calls of 800 ms: at 400 ms a 60-record run could finish before 4 calls were seen in flight.
    /// </summary>
    [Theory]
    [InlineData(2, 200, 1)]
    [InlineData(8, 800, 4)]
    public async Task A_killed_run_resumes_with_no_record_lost_or_doubled_and_no_paid_call_repeated(int concurrency, int latencyMs, int inFlightAtKill)
    {
        await using var simulator = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 3, Latency = TimeSpan.FromMilliseconds(latencyMs) });
        var seeds = Path.Combine(_workDirectory, $"crash-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, seeds);

        // A task hub of its own: engines sharing a hub take each other's work, and other local runs may share this Azurite.
        var hub = $"crash{Guid.NewGuid():N}"[..20];
        var environment = new Dictionary<string, string> { ["LocalHost__TaskHub"] = hub };
        string[] Arguments(string outDirectory) =>
        [
            "run", "--seeds", seeds, "--target", Target.ToString(CultureInfo.InvariantCulture), "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture),
            "--llm", "openai", "--endpoint", simulator.OpenAiEndpoint.ToString(), "--out", Path.Combine(_workDirectory, outDirectory),
        ];

        try
        {
            // 1. Start, wait until a step is in data.jsonl and later LLM calls are under way, then kill.
            List<string> linesAtKill;
            long requestsAtKill;
            using (var first = CliProcess.Start(_workDirectory, environment, Arguments("first")))
            {
                var data = await WaitForDataAsync(Path.GetFileName(seeds), first);
                var requestsAtFirstRound = simulator.Stats.Snapshot().Requests;
                await WaitUntilAsync(
                    () => Task.FromResult(simulator.Stats.Snapshot() is var now && now.Requests >= requestsAtFirstRound + 1 && now.InFlight >= inFlightAtKill),
                    first,
                    "more LLM calls after the first step");
                first.Kill();
                requestsAtKill = simulator.Stats.Snapshot().Requests;
                linesAtKill = await ReadLinesAsync(data);
                Assert.False(first.Stdout.Contains("completed", StringComparison.Ordinal), "the run finished before it could be killed");
                Assert.True(linesAtKill.Count < Target, "every record was written before the kill");
            }

            // 2. The same command again.
            using var second = CliProcess.Start(_workDirectory, environment, Arguments("second"));
            var exitCode = await second.WaitForExitAsync(TimeSpan.FromMinutes(2));
            var stats = simulator.Stats.Snapshot();
            output.WriteLine(second.Stdout);

            Assert.True(exitCode == 0, $"exit code {exitCode}\n{second.Stdout}\n{second.Stderr}");
            Assert.Contains("(resumed): completed", second.Stdout, StringComparison.Ordinal);

            var outputs = RunOutputs.ReadFiles(Path.Combine(_workDirectory, "second"));
            var lines = File.ReadAllLines(Path.Combine(_workDirectory, "second", DatasetFiles.Data));
            var calls = outputs.Manifest.GetProperty("llm").GetProperty("calls").GetInt32();
            output.WriteLine(
                $"at kill: {linesAtKill.Count} records, {requestsAtKill} LLM requests; after resume: {lines.Length} records, " +
                $"{stats.Requests} requests in all ({stats.Requests - requestsAtKill} by the second process), manifest llm.calls={calls}");

            // Nothing lost, nothing doubled, and what was written before the kill was kept as it was.
            Assert.Equal(Target, lines.Length);
            Assert.Equal(Target, outputs.Records.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
            Assert.Equal(linesAtKill, lines.Take(linesAtKill.Count));
            outputs.AssertCountsAddUp();

            // Paid calls are not paid again: beyond the calls the run used, only those of activities cut off by the kill.
            Assert.True(
                stats.Requests <= calls + (concurrency * MostCallsPerActivity),
                $"{stats.Requests} LLM requests for {calls} calls used: more than the {concurrency * MostCallsPerActivity} the activities in flight at the kill can repeat");
        }
        finally
        {
            await DeleteTaskHubAsync(hub);
        }
    }

    /// <summary>
    /// A batch run killed while it waits for a batch job: the job's id is in the orchestration's history before the
    /// wait, so the second process goes on waiting for the same job instead of submitting its calls again.
    /// </summary>
    [Fact]
    public async Task A_batch_run_killed_while_it_waits_for_its_batch_resumes_without_submitting_the_batch_again()
    {
        await using var simulator = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 5, BatchCompletionDelay = TimeSpan.FromSeconds(4) });
        var seeds = Path.Combine(_workDirectory, $"batch-crash-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, seeds);
        var hub = $"crash{Guid.NewGuid():N}"[..20];
        var environment = new Dictionary<string, string> { ["LocalHost__TaskHub"] = hub, ["Pipeline__BatchPollInterval"] = "00:00:01" };
        string[] Arguments(string outDirectory) =>
        [
            "run", "--seeds", seeds, "--target", Target.ToString(CultureInfo.InvariantCulture), "--batch",
            "--llm", "openai", "--endpoint", simulator.OpenAiEndpoint.ToString(), "--out", Path.Combine(_workDirectory, outDirectory),
        ];

        try
        {
            // 1. Start, wait until the first batch job exists (its calls are in it, their answers 4 s away), then kill.
            long createdAtKill;
            using (var first = CliProcess.Start(_workDirectory, environment, Arguments("first")))
            {
                await WaitUntilAsync(() => Task.FromResult(simulator.Stats.Snapshot().BatchesCreated >= 1), first, "a batch job");
                first.Kill();
                createdAtKill = simulator.Stats.Snapshot().BatchesCreated;
                Assert.False(first.Stdout.Contains("completed", StringComparison.Ordinal), "the run finished before it could be killed");
            }

            // 2. The same command again.
            using var second = CliProcess.Start(_workDirectory, environment, Arguments("second"));
            var exitCode = await second.WaitForExitAsync(TimeSpan.FromMinutes(3));
            output.WriteLine(second.Stdout);
            Assert.True(exitCode == 0, $"exit code {exitCode}\n{second.Stdout}\n{second.Stderr}");
            Assert.Contains("(resumed): completed", second.Stdout, StringComparison.Ordinal);

            // Every job the run waited for was created once: the simulator created exactly the jobs the manifest counts.
            var outputs = RunOutputs.ReadFiles(Path.Combine(_workDirectory, "second"));
            var batch = outputs.Manifest.GetProperty("batch");
            var stats = simulator.Stats.Snapshot();
            output.WriteLine($"batch jobs created: {createdAtKill} before the kill, {stats.BatchesCreated} in all; manifest: {batch}");
            Assert.Equal(stats.BatchesCreated, batch.GetProperty("jobs").GetInt32());
            Assert.Equal(outputs.Manifest.GetProperty("llm").GetProperty("calls").GetInt32(), batch.GetProperty("answered").GetInt32());

            var lines = File.ReadAllLines(Path.Combine(_workDirectory, "second", DatasetFiles.Data));
            Assert.Equal(Target, lines.Length);
            Assert.Equal(Target, outputs.Records.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
            outputs.AssertCountsAddUp();
        }
        finally
        {
            await DeleteTaskHubAsync(hub);
        }
    }

    /// <summary>
    /// Waits for the run's data.jsonl. The run id starts with the seed file's name (the rest hashes its content and the
    /// command's options), and each test's seed file has a name of its own.
    /// </summary>
    private static async Task<BlobClient> WaitForDataAsync(string seedBlobName, CliProcess cli)
    {
        var datasets = new BlobServiceClient(AzuriteServer.ConnectionString).GetBlobContainerClient(StorageClients.DatasetsContainer);
        var prefix = Path.GetFileNameWithoutExtension(seedBlobName) + "-";
        BlobClient? data = null;
        await WaitUntilAsync(async () =>
        {
            if (await datasets.ExistsAsync())
            {
                await foreach (var blob in datasets.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
                {
                    if (blob.Name.EndsWith("/" + DatasetFiles.Data, StringComparison.Ordinal))
                    {
                        data = datasets.GetBlobClient(blob.Name);
                    }
                }
            }

            return data is not null;
        }, cli, "the first round's records");
        return data!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CliProcess cli, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            if (cli.HasExited)
            {
                Assert.Fail($"serverless-instruct exited ({cli.ExitCode}) while waiting for {what}.\n{cli.Stdout}\n{cli.Stderr}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {what} within a minute.\n{cli.Stderr}");
            await Task.Delay(25);
        }
    }

    private static async Task<List<string>> ReadLinesAsync(BlobClient blob)
    {
        var content = (await blob.DownloadContentAsync()).Value.Content.ToString();
        return content.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static async Task DeleteTaskHubAsync(string hub)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(AzuriteServer.ConnectionString),
            TaskHubName = hub,
        });
        await service.DeleteAsync();
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);
}
