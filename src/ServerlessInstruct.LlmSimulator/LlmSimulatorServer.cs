using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using ServerlessInstruct.LlmSimulator.Hosting;
using ServerlessInstruct.LlmSimulator.Protocol;
using ServerlessInstruct.LlmSimulator.Stats;

namespace ServerlessInstruct.LlmSimulator;

/// <summary>
/// An OpenAI- and Azure-OpenAI-compatible chat completions server on 127.0.0.1, run in-process on Kestrel so real
/// clients call it over real HTTP. Routes: <c>POST /v1/chat/completions</c> (also <c>/openai/v1/...</c>),
/// <c>POST /openai/deployments/{deployment}/chat/completions?api-version=...</c>, the Files and Batches APIs under
/// <c>/openai/files</c>, <c>/openai/batches</c> (Azure, with api-version) and <c>/v1/files</c>, <c>/v1/batches</c>,
/// <c>GET /stats</c> and <c>POST /stats/reset</c>.
/// </summary>
public sealed class LlmSimulatorServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions StatsJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly WebApplication _app;
    private readonly SimulatorRuntime _runtime;

    private LlmSimulatorServer(WebApplication app, SimulatorRuntime runtime, Uri baseUri)
    {
        _app = app;
        _runtime = runtime;
        BaseUri = baseUri;
    }

    /// <summary>The server's root, such as <c>http://127.0.0.1:5123/</c>: the endpoint for <c>AzureOpenAIClient</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The OpenAI-compatible endpoint (<c>BaseUri + v1</c>) for <c>OpenAIClientOptions.Endpoint</c>.</summary>
    public Uri OpenAiEndpoint => new(BaseUri, "v1");

    /// <summary>Live counters of what the server answered; <c>Snapshot()</c> reads them, <c>Reset()</c> clears them.</summary>
    public SimulatorStats Stats => _runtime.Stats;

    /// <summary>The options in force; setting them takes effect from the next request.</summary>
    /// <exception cref="ArgumentException">The new options are invalid.</exception>
    public SimulatorOptions Options
    {
        get => _runtime.Options;
        set => _runtime.Options = Validated(value);
    }

    /// <summary>
    /// Starts a simulator on 127.0.0.1.
    /// </summary>
    /// <param name="options">Behaviour knobs; see <see cref="SimulatorOptions"/>.</param>
    /// <param name="port">The port to listen on; 0 picks a free one.</param>
    /// <param name="timeProvider">The clock for latency, hangs, the quota window and timestamps; the system clock by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every reason.</exception>
    public static async Task<LlmSimulatorServer> StartAsync(
        SimulatorOptions options,
        int port = 0,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var runtime = new SimulatorRuntime(Validated(options), timeProvider ?? TimeProvider.System);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LlmSimulatorServer).Assembly.GetName().Name,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });

        WebApplication app = builder.Build();
        MapRoutes(app, runtime);
        await app.StartAsync(cancellationToken);

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LlmSimulatorServer(app, runtime, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Queues faults for the next requests, in order, ahead of the configured shares.</summary>
    public void InjectFaults(params IEnumerable<SimulatedFault> faults) => _runtime.QueueFaults(faults);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void MapRoutes(WebApplication app, SimulatorRuntime runtime)
    {
        var handler = new ChatCompletionsHandler(runtime);
        CancellationToken stopping = app.Lifetime.ApplicationStopping;
        app.MapPost("/v1/chat/completions", (HttpContext context) => handler.HandleAsync(context, ApiFlavor.OpenAi, null, stopping));
        app.MapPost("/openai/v1/chat/completions", (HttpContext context) => handler.HandleAsync(context, ApiFlavor.OpenAi, null, stopping));
        app.MapPost("/openai/deployments/{deployment}/chat/completions",
            (HttpContext context, string deployment) => handler.HandleAsync(context, ApiFlavor.Azure, deployment, stopping));
        var batches = new BatchHandler(runtime);
        foreach ((string root, ApiFlavor flavor) in new[] { ("/openai", ApiFlavor.Azure), ("/v1", ApiFlavor.OpenAi) })
        {
            app.MapPost($"{root}/files", (HttpContext context) => batches.UploadAsync(context, flavor));
            app.MapGet($"{root}/files/{{id}}", (HttpContext context, string id) => batches.GetFileAsync(context, flavor, id, content: false));
            app.MapGet($"{root}/files/{{id}}/content", (HttpContext context, string id) => batches.GetFileAsync(context, flavor, id, content: true));
            app.MapPost($"{root}/batches", (HttpContext context) => batches.CreateAsync(context, flavor));
            app.MapGet($"{root}/batches/{{id}}", (HttpContext context, string id) => batches.GetAsync(context, flavor, id, cancel: false));
            app.MapPost($"{root}/batches/{{id}}/cancel", (HttpContext context, string id) => batches.GetAsync(context, flavor, id, cancel: true));
        }

        app.MapGet("/stats", () => Results.Json(runtime.Stats.Snapshot(), StatsJson));
        app.MapPost("/stats/reset", () =>
        {
            runtime.Stats.Reset();
            return Results.NoContent();
        });
    }

    private static SimulatorOptions Validated(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        return errors.Count == 0
            ? options
            : throw new ArgumentException("Invalid simulator options: " + string.Join(" ", errors), nameof(options));
    }
}
