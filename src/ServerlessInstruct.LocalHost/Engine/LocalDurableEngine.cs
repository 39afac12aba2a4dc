using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessInstruct.Functions.Hosting;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.LocalHost.Engine;

/// <summary>
/// The Durable Task engine in this process: a loopback gRPC sidecar over an orchestration service, and a worker
/// running the pipeline's orchestrator and activities with the same service registrations as the Functions app.
/// </summary>
public sealed class LocalDurableEngine : ILocalEngine
{
    private readonly WebApplication _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;

    private LocalDurableEngine(WebApplication sidecar, IHost worker, GrpcChannel channel)
    {
        _sidecar = sidecar;
        _worker = worker;
        _channel = channel;
    }

    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => _worker.Services;

    /// <param name="configuration">App settings as the Functions app would see them (<c>AzureWebJobsStorage</c>, <c>Llm__*</c>, <c>Pipeline__*</c>).</param>
    /// <param name="backend">Where orchestration state lives; the Azure Storage one also needs <c>AzureWebJobsStorage</c> to be a connection string.</param>
    /// <param name="configureServices">Extra or replacement services (tests use it to inject faults).</param>
    public static async Task<ILocalEngine> StartAsync(
        IConfiguration configuration,
        DurableBackend backend,
        Action<IServiceCollection>? configureServices,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        loggerFactory ??= Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        var orchestrationService = await CreateOrchestrationServiceAsync(configuration, backend, loggerFactory);

        var sidecarBuilder = WebApplication.CreateSlimBuilder();
        sidecarBuilder.Logging.ClearProviders();
        sidecarBuilder.Services.AddSingleton(loggerFactory);
        sidecarBuilder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        sidecarBuilder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = MaxMessageBytes);
        sidecarBuilder.Services.AddSingleton(backend == DurableBackend.AzureStorage
            ? new ActivityLockRenewal(orchestrationService, LockRenewalInterval)
            : orchestrationService);
        sidecarBuilder.Services.AddSingleton((IOrchestrationServiceClient)orchestrationService);
        sidecarBuilder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = sidecarBuilder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);

        var channel = GrpcChannel.ForAddress(sidecar.Urls.First(), new GrpcChannelOptions { MaxReceiveMessageSize = MaxMessageBytes });
        var workerBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        workerBuilder.Configuration.AddConfiguration(configuration);
        workerBuilder.Services.AddSingleton(loggerFactory);
        workerBuilder.Services.AddServerlessInstruct(workerBuilder.Configuration);
        configureServices?.Invoke(workerBuilder.Services);
        workerBuilder.Services.AddDurableTaskWorker(builder =>
        {
            builder.UseGrpc(channel);
            builder.AddTasks(PipelineTasks.Register);
        });
        workerBuilder.Services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc(channel);
            builder.RegisterDirectly();
        });

        var worker = workerBuilder.Build();
        await worker.StartAsync(cancellationToken);
        return new LocalDurableEngine(sidecar, worker, channel);
    }

    /// <summary>
    /// The largest message between the sidecar and the worker. A work item carries the orchestration's whole history,
    /// and a round of a large run holds hundreds of activities' inputs and outputs: more than gRPC's default 4 MB.
    /// </summary>
    private const int MaxMessageBytes = 256 * 1024 * 1024;

    /// <summary>The task hub of local runs; Functions uses its own from host.json, so the two never share state.</summary>
    public const string LocalTaskHub = "ServerlessInstructLocal";

    /// <summary>
    /// Setting that names another task hub. Engines sharing a hub on one Azurite take each other's work items, so
    /// runs that must not meet (a benchmark beside other local runs) each use their own.
    /// </summary>
    public const string TaskHubSetting = "LocalHost:TaskHub";

    // Messages a killed process had taken stay invisible this long, so a resumed run waits at most this for its
    // in-flight steps (the provider's default is 5 minutes). Running activities keep theirs by renewal.
    private static readonly TimeSpan QueueVisibilityTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LockRenewalInterval = TimeSpan.FromSeconds(5);

    private static async Task<IOrchestrationService> CreateOrchestrationServiceAsync(
        IConfiguration configuration, DurableBackend backend, ILoggerFactory loggerFactory)
    {
        if (backend == DurableBackend.InMemory)
        {
            // The in-memory service runs as many activities at once as there are cores, which is fine for tests only.
            return new InMemoryOrchestrationService(loggerFactory);
        }

        var connectionString = configuration[StorageClients.ConnectionName]
            ?? throw new InvalidOperationException($"The Azure Storage backend needs '{StorageClients.ConnectionName}' as a connection string.");
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = configuration[TaskHubSetting] ?? LocalTaskHub,
            LoggerFactory = loggerFactory,

            // One worker per machine: a fixed id lets a restarted process take its own partition leases back at once
            // instead of waiting for the killed process's leases to expire.
            WorkerId = $"{Environment.MachineName}-local",
            UseTablePartitionManagement = true,
            PartitionCount = 1,
            LeaseAcquireInterval = TimeSpan.FromSeconds(1),
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250),
            // As host.json's maxConcurrentActivityFunctions: LLM activities wait on the network, and a large quota wants many.
            MaxConcurrentTaskActivityWorkItems = 200,
            MaxConcurrentTaskOrchestrationWorkItems = 16,
            WorkItemQueueVisibilityTimeout = QueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = QueueVisibilityTimeout,
        });
        await service.CreateIfNotExistsAsync();
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
    }
}
