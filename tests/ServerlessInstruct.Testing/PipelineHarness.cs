using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.LlmSimulator;
using ServerlessInstruct.LocalHost.Azurite;
using ServerlessInstruct.LocalHost.Engine;

namespace ServerlessInstruct.Testing;

/// <summary>
/// The pipeline as the tests drive it: the Functions app's orchestrator and activities in the in-process Durable
/// engine, real Azurite, and the LLM simulator over HTTP. Optional storage policies inject faults.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    private readonly LlmSimulatorServer _simulator;
    private readonly ILocalEngine _engine;

    private PipelineHarness(LlmSimulatorServer simulator, ILocalEngine engine)
    {
        _simulator = simulator;
        _engine = engine;
    }

    public DurableTaskClient Client => _engine.Client;

    public StorageClients Storage => _engine.Services.GetRequiredService<StorageClients>();

    public LlmSimulatorServer Simulator => _simulator;

    public T Get<T>() where T : notnull => _engine.Services.GetRequiredService<T>();

    public IServiceProvider Services => _engine.Services;

    public static async Task<PipelineHarness> StartAsync(
        IReadOnlyList<HttpPipelinePolicy>? blobPolicies = null,
        IReadOnlyList<HttpPipelinePolicy>? tablePolicies = null,
        SimulatorOptions? simulatorOptions = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerFactory? loggerFactory = null,
        Action<IServiceCollection>? services = null,
        bool azureRoute = false)
    {
        var simulator = await LlmSimulatorServer.StartAsync(simulatorOptions ?? new SimulatorOptions { Seed = 7 });
        var values = new Dictionary<string, string?>
        {
            [StorageClients.ConnectionName] = AzuriteServer.ConnectionString,
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoint"] = simulator.OpenAiEndpoint.ToString(),
            ["Llm:Deployment"] = "simulator",
            ["Llm:MaxRetries"] = "2",
            ["Pipeline:MaxConcurrency"] = "4",
        };
        if (azureRoute)
        {
            // The simulator's Azure route, through the Azure OpenAI client: Azure's answer shapes, content-filter annotations included.
            values["Llm:Provider"] = "azure";
            values["Llm:Endpoint"] = simulator.BaseUri.ToString();
            values["Llm:ApiKey"] = "simulator-key";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var engine = await LocalDurableEngine.StartAsync(configuration, DurableBackend.InMemory, registrations =>
        {
            var blobOptions = new BlobClientOptions();
            foreach (var policy in blobPolicies ?? [])
            {
                blobOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
            }

            var tableOptions = new TableClientOptions();
            foreach (var policy in tablePolicies ?? [])
            {
                tableOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
            }

            registrations.AddSingleton(new StorageClients(
                new BlobServiceClient(AzuriteServer.ConnectionString, blobOptions),
                new TableServiceClient(AzuriteServer.ConnectionString, tableOptions)));
            services?.Invoke(registrations);
        }, loggerFactory, CancellationToken.None);

        var harness = new PipelineHarness(simulator, engine);
        await harness.Storage.EnsureCreatedAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Uploads a seed file under a name no other test uses.</summary>
    public async Task<BlobClient> UploadSeedAsync(string path, IDictionary<string, string>? metadata = null)
    {
        var blob = Storage.Seeds.GetBlobClient($"{Guid.NewGuid():N}/{Path.GetFileName(path)}");
        await using var content = File.OpenRead(path);
        await blob.UploadAsync(content, new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = metadata });
        return blob;
    }

    public Task<StartedRun> StartAsync(BlobClient seed, IReadOnlyDictionary<string, string>? options = null) =>
        Get<RunStarter>().StartAsync(Client, seed, options, CancellationToken.None);

    public async Task<(OrchestrationMetadata Instance, RunSummary Summary)> WaitAsync(string runId, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        OrchestrationMetadata instance;
        try
        {
            instance = await Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            var last = await Client.GetInstanceAsync(runId, getInputsAndOutputs: true);
            throw new TimeoutException($"run {runId} did not end within {timeout}; it is {last?.RuntimeStatus}, last status {last?.SerializedCustomStatus}");
        }

        Assert.True(
            instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"run {runId} ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
        return (instance, instance.ReadOutputAs<RunSummary>()!);
    }

    public async Task<List<string>> ReadLinesAsync(string runId, string file)
    {
        var lines = new List<string>();
        await foreach (var line in Get<DatasetStore>().ReadLinesAsync(runId, file, CancellationToken.None))
        {
            lines.Add(line);
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _simulator.DisposeAsync();
    }
}
