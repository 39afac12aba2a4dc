using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Runs;

/// <summary>
/// Starts the orchestration for a seed blob, from the blob trigger and from the HTTP API alike. The instance id is
/// the run id derived from the blob's name and ETag (and the HTTP start's options), so the same blob version never
/// starts a second run with the same options.
/// </summary>
public sealed partial class RunStarter(
    IOptions<PipelineOptions> pipeline,
    IOptions<LlmOptions> llm,
    TimeProvider time,
    ILogger<RunStarter> logger)
{
    /// <summary>
    /// Starts a run for <paramref name="seedBlob"/>. Options come from the blob's metadata, then
    /// <paramref name="overrides"/> (the HTTP body) on top. Throws <see cref="RunOptionsException"/> for bad options.
    /// </summary>
    public Task<StartedRun> StartAsync(
        DurableTaskClient client,
        BlobClient seedBlob,
        IReadOnlyDictionary<string, string>? overrides,
        CancellationToken cancellationToken) =>
        StartAsync(client, seedBlob, overrides, recordBadOptions: false, cancellationToken);

    /// <summary>
    /// Starts the run of a freshly uploaded seed blob. Nobody waits for an answer to an upload, so bad options in its
    /// metadata make a run that ends at once as failed with the reason in its status and manifest.
    /// </summary>
    public Task<StartedRun> StartUploadedAsync(DurableTaskClient client, BlobClient seedBlob, CancellationToken cancellationToken) =>
        StartAsync(client, seedBlob, overrides: null, recordBadOptions: true, cancellationToken);

    async Task<StartedRun> StartAsync(
        DurableTaskClient client,
        BlobClient seedBlob,
        IReadOnlyDictionary<string, string>? overrides,
        bool recordBadOptions,
        CancellationToken cancellationToken)
    {
        var properties = (await seedBlob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var runId = RunIds.For(seedBlob.Name, properties.ETag.ToString(), overrides);

        // Bad options are reported even when the run exists: the caller should hear about them either way.
        var settings = new Dictionary<string, string>(properties.Metadata, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        RunOptions options;
        string? optionsError = null;
        try
        {
            options = RunOptionsResolver.Resolve(pipeline.Value, llm.Value, runId, settings);
        }
        catch (RunOptionsException e) when (recordBadOptions)
        {
            options = RunOptionsResolver.Resolve(pipeline.Value, llm.Value, runId, overrides: null);
            optionsError = e.Message;
        }

        var existing = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            LogAlreadyStarted(logger, runId, existing.RuntimeStatus);
            return new StartedRun(runId, Created: false);
        }
        var request = new RunRequest(runId, seedBlob.Name, properties.ETag.ToString(), options, time.GetUtcNow()) { OptionsError = optionsError };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(PipelineOrchestrator),
                new RunState { Request = request },
                new StartOrchestrationOptions(runId),
                cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or Grpc.Core.RpcException)
        {
            // A concurrent delivery of the same event won the race; that run is this run.
            if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }

            return new StartedRun(runId, Created: false);
        }

        LogStarted(logger, runId, options.Mode, options.TargetCount);
        return new StartedRun(runId, Created: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} already exists ({Status}); not starting it again")]
    static partial void LogAlreadyStarted(ILogger logger, string runId, OrchestrationRuntimeStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started run {RunId}: mode {Mode}, target {Target}")]
    static partial void LogStarted(ILogger logger, string runId, string mode, int target);
}

/// <summary>The run a start request maps to, and whether this request created it.</summary>
public sealed record StartedRun(string RunId, bool Created);
