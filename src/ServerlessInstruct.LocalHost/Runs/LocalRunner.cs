using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.LlmSimulator;
using ServerlessInstruct.LlmSimulator.Stats;
using ServerlessInstruct.LocalHost.Azurite;
using ServerlessInstruct.LocalHost.Engine;

namespace ServerlessInstruct.LocalHost.Runs;

/// <summary>
/// Runs the pipeline end to end on this machine: Azurite (started if needed), the LLM (the simulator, started
/// in-process, or a real endpoint), the Durable Task engine in-process with the Functions app's orchestrator and
/// activities; uploads the seed file, starts the run as the blob trigger would, and downloads the dataset.
/// </summary>
public static class LocalRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Status reads in a row that may fail (the engine's storage busy) before the wait gives up.</summary>
    private const int MaxFailedPolls = 40;

    private static readonly string[] OutputFiles =
        [DatasetFiles.Data, DatasetFiles.Rejected, DatasetFiles.Manifest, DatasetFiles.Alpaca, DatasetFiles.Chat, DatasetFiles.Report, DatasetFiles.Mrc];

    /// <param name="cancellationToken">Cancelling asks the run to stop after its current round; the partial dataset is still downloaded.</param>
    public static async Task<LocalRunResult> RunAsync(
        LocalRunRequest request,
        IProgress<RunProgress>? progress,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(request.SeedsPath))
        {
            throw new FileNotFoundException($"Seed file '{request.SeedsPath}' does not exist.", request.SeedsPath);
        }

        await using var azurite = await AzuriteServer.EnsureRunningAsync(Path.GetFullPath(request.StorageLocation), cancellationToken);
        await using var simulator = request.Llm == LlmTarget.Simulator
            ? await LlmSimulatorServer.StartAsync(request.Simulator, cancellationToken: cancellationToken)
            : null;

        var configuration = BuildConfiguration(request, simulator);
        await using ILocalEngine engine = await LocalDurableEngine.StartAsync(configuration, DurableBackend.AzureStorage, configureServices: null, loggerFactory, cancellationToken);

        var storage = engine.Services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(cancellationToken);
        var (seedBlob, contentHash) = await UploadSeedAsync(storage.Seeds, request.SeedsPath, cancellationToken);

        // The run id hashes the file's content and the options, so the same command finds the same run whatever ran
        // in between; a run that failed or was cancelled is started again from where it stopped.
        var starter = engine.Services.GetRequiredService<RunStarter>();
        var started = await starter.StartAsync(engine.Client, seedBlob, request.Options, cancellationToken, seedVersion: $"content-{contentHash}");
        var restarted = !started.Created
            && (await starter.RestartAsync(engine.Client, started.RunId, anySeedVersion: true, cancellationToken)).Restarted;
        var finished = await WaitAsync(engine.Client, started.RunId, progress, cancellationToken);
        var summary = finished.ReadOutputAs<RunSummary>();

        Directory.CreateDirectory(request.OutputDirectory);
        var datasets = engine.Services.GetRequiredService<DatasetStore>();
        var written = new List<string>();
        foreach (var file in OutputFiles)
        {
            var content = await datasets.ReadAsync(started.RunId, file, CancellationToken.None);
            if (content is not null)
            {
                var path = Path.Combine(request.OutputDirectory, file);
                await File.WriteAllBytesAsync(path, content.ToArray(), CancellationToken.None);
                written.Add(path);
            }
        }

        return new LocalRunResult(started.RunId, started.Created, finished.RuntimeStatus, summary, written)
        {
            Restarted = restarted,
            SimulatorStats = simulator?.Stats.Snapshot(),
        };
    }

    private static IConfiguration BuildConfiguration(LocalRunRequest request, LlmSimulatorServer? simulator)
    {
        // Environment variables may set Pipeline__* defaults or an Llm__ApiKey; what this run was asked for wins.
        var settings = new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = AzuriteServer.ConnectionString,
            [LocalDurableEngine.TaskHubSetting] = request.TaskHub,
        };
        if (simulator is not null)
        {
            settings["Llm:Provider"] = "openai";
            settings["Llm:Endpoint"] = simulator.OpenAiEndpoint.ToString();
            settings["Llm:Deployment"] = request.Deployment ?? "simulator";

            // The simulated deployment's quota is known, as a real one's is from the portal: pace the calls to it.
            settings["Llm:TokensPerMinute"] = simulator.Options.TokensPerMinute?.ToString(CultureInfo.InvariantCulture);
            settings["Llm:RequestsPerMinute"] = simulator.Options.RequestsPerMinute?.ToString(CultureInfo.InvariantCulture);

            // Simulated batches finish in seconds, not hours: read their status as often.
            settings["Pipeline:BatchPollInterval"] = TimeSpan.FromSeconds(1).ToString("c", CultureInfo.InvariantCulture);
        }
        else
        {
            settings["Llm:Provider"] = request.Llm == LlmTarget.Azure ? "azure" : "openai";
            settings["Llm:Endpoint"] = request.Endpoint?.ToString();
            if (request.Deployment is not null)
            {
                settings["Llm:Deployment"] = request.Deployment;
            }
        }

        return new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings.Where(s => s.Value is not null))
            .Build();
    }

    /// <summary>
    /// Uploads the seed file unless the blob already holds the same bytes, so its ETag only changes with its content.
    /// Returns the blob and the content's MD5 in hex.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "Content-MD5 is the blob service's own integrity check, compared with what the service stores; nothing depends on it being hard to forge.")]
    private static async Task<(BlobClient Blob, string ContentHash)> UploadSeedAsync(BlobContainerClient seeds, string path, CancellationToken cancellationToken)
    {
        var blob = seeds.GetBlobClient(Path.GetFileName(path));
        byte[] hash;
        await using (var file = File.OpenRead(path))
        {
            hash = await MD5.HashDataAsync(file, cancellationToken);
        }

        var hex = Convert.ToHexStringLower(hash);
        try
        {
            var existing = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (existing.ContentHash is { } remote && remote.AsSpan().SequenceEqual(hash))
            {
                return (blob, hex);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        await using var content = File.OpenRead(path);
        await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentHash = hash } }, cancellationToken);
        return (blob, hex);
    }

    private static async Task<OrchestrationMetadata> WaitAsync(
        DurableTaskClient client, string runId, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var cancelSent = false;
        var failedPolls = 0;
        while (true)
        {
            if (cancellationToken.IsCancellationRequested && !cancelSent)
            {
                await client.RaiseEventAsync(runId, PipelineOrchestrator.CancelEvent, "cancelled from the command line", CancellationToken.None);
                cancelSent = true;
            }

            OrchestrationMetadata? instance;
            try
            {
                instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, CancellationToken.None);
            }
            catch (RpcException) when (++failedPolls < MaxFailedPolls)
            {
                // Reading the status is only watching: a read the busy storage emulator failed is read again, the run goes on.
                await Task.Delay(PollInterval, CancellationToken.None);
                continue;
            }

            failedPolls = 0;
            if (instance is null)
            {
                throw new InvalidOperationException($"Run '{runId}' disappeared from the engine.");
            }

            if (instance.SerializedCustomStatus is not null)
            {
                progress?.Report(instance.ReadCustomStatusAs<RunProgress>()!);
            }

            if (instance.IsCompleted)
            {
                return instance;
            }

            await Task.Delay(PollInterval, CancellationToken.None);
        }
    }
}

/// <summary>How a local run ended and where its files are; <paramref name="Started"/> is false when an earlier run of the same seed file and options was resumed or found finished.</summary>
public sealed record LocalRunResult(string RunId, bool Started, OrchestrationRuntimeStatus Status, RunSummary? Summary, IReadOnlyList<string> Files)
{
    /// <summary>The earlier run had failed or been cancelled, and was started again from where it stopped.</summary>
    public bool Restarted { get; init; }

    /// <summary>What the in-process simulator answered over the run; null when a real endpoint was used.</summary>
    public SimulatorStatsSnapshot? SimulatorStats { get; init; }
}
